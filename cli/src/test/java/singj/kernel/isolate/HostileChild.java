package singj.kernel.isolate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A process SIP whose runtime is the attacker's, not SingJ's (a test of docs/isolation.md): it
 * speaks the wire itself, holding what the kernel gives any child (its secret, its connection, its
 * window), and no more. It opens /service/echo and sends a block there as a good child would, then
 * writes garbage over every byte of its window (the block the server now holds included), then
 * makes the request its SIP's {@code ATTACK} variable names, which the kernel must take as a
 * violation. Standard output says how far it got.
 */
public final class HostileChild {
    private HostileChild() {}

    public static void main(String[] args) throws Exception {
        String secret = readLine();
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
        DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel)));
        OutputStream out = new BufferedOutputStream(Channels.newOutputStream(channel));

        Wire.In start = call(in, out, new Wire.Out(Wire.HELLO).putString(secret).putBoolean(true));
        start.getInt();
        start.getString();
        start.getString();
        for (int i = start.getCount(); i > 0; i--) {
            start.getString();
        }
        Map<String, String> environment = new HashMap<>();
        for (int i = start.getCount(); i > 0; i--) {
            environment.put(start.getString(), start.getString());
        }
        for (int i = start.getCount(); i > 0; i--) {
            start.getString();
            start.getString();
        }
        for (int i = start.getCount(); i > 0; i--) {
            start.getString();
            start.getBytes();
        }
        for (int i = start.getCount(); i > 0; i--) {
            start.getString();
        }
        Path windowFile = Path.of(start.getString());
        long windowBytes = start.getLong();
        long windowAddress = start.getLong();
        int laneCount = start.getInt();
        MemorySegment lanes = laneCount == 0 ? null
                : Window.mapInChild(Path.of(start.getString()), (long) laneCount * Lane.BYTES, start.getLong());
        MemorySegment window = Window.mapInChild(windowFile, windowBytes, windowAddress);
        call(in, out, new Wire.Out(Wire.MAPPED));

        // as a good child: a block to the echo server
        Wire.In opened = call(in, out, new Wire.Out(Wire.OPEN).putString("/service/echo").putString("Echo"));
        int echo = opened.getInt();
        Wire.In allocated = call(in, out, new Wire.Out(Wire.ALLOCATE).putLong(1 << 20));
        int block = allocated.getInt();
        call(in, out, new Wire.Out(Wire.SEND).putInt(echo).putString("Echo$Request").putInt(2)
                .putByte('T').putString("hello").putByte('K').putInt(block));
        // then garbage over all the shared memory it can reach, the server's block included
        window.fill((byte) 0xA5);
        System.out.println("hostile: scribbled over " + windowBytes + " bytes of its window");

        String attack = environment.getOrDefault("ATTACK", "unknown-op");
        if (attack.startsWith("lane-")) {
            attackLane(in, out, lanes, attack);
            return;
        }
        Wire.Out request = switch (attack) {
            case "unknown-op" -> new Wire.Out((byte) 99);
            case "bogus-endpoint" -> new Wire.Out(Wire.RECEIVE).putInt(999_999).putLong(-1);
            case "bogus-block" -> new Wire.Out(Wire.FREE).putInt(123_456);
            case "freed-twice" -> {
                // the block went to the server in the send above: it is not the child's to free
                yield new Wire.Out(Wire.FREE).putInt(block);
            }
            case "wrong-field" -> new Wire.Out(Wire.SEND).putInt(echo).putString("Echo$Request").putInt(2)
                    .putByte('I').putInt(7).putByte('N');
            case "foreign-class" -> new Wire.Out(Wire.SEND).putInt(echo).putString("java.lang.String").putInt(0);
            case "short-frame" -> new Wire.Out(Wire.SEND).putInt(echo).putString("Echo$Request").putInt(2).putByte('T').putInt(1000);
            case "trailing-bytes" -> new Wire.Out(Wire.IS_OPEN).putInt(echo).putLong(42);
            case "second-start" -> new Wire.Out(Wire.HELLO).putString(secret).putBoolean(true);
            case "huge-frame" -> null;
            default -> throw new IllegalArgumentException(attack);
        };
        if (request == null) {
            DataOutputStream raw = new DataOutputStream(out);
            raw.writeInt(Integer.MAX_VALUE);
            raw.write(new byte[64]);
            raw.flush();
        } else if (attack.equals("second-start")) {
            // on a new connection, as a second thread would make it
            SocketChannel another = SocketChannel.open(StandardProtocolFamily.UNIX);
            another.connect(UnixDomainSocketAddress.of(Path.of(args[0])));
            request.send(Channels.newOutputStream(another));
        } else {
            request.send(out);
        }
        System.out.println("hostile: sent " + attack);
        System.out.flush();
        Thread.sleep(60_000); // the kernel ends it
        System.out.println("hostile: still alive");
        System.exit(3);
    }

    /**
     * Attacks through a lane: the kernel is told to serve lane 0 as a good child would, then the
     * lane's memory (state word, lengths, request) is written as {@code attack} says, and its
     * futex woken so that the kernel looks at once.
     */
    private static void attackLane(DataInputStream in, OutputStream out, MemorySegment lanes, String attack) throws Exception {
        call(in, out, new Wire.Out(Wire.LANE).putInt(0));
        switch (attack) {
            // every byte of every lane: the state word of lane 0 then holds 0xA5A5A5A5
            case "lane-scribble" -> lanes.fill((byte) 0xA5);
            // a request whose length is past the lane's end
            case "lane-length" -> {
                lanes.set(java.lang.foreign.ValueLayout.JAVA_INT, 12, 1 << 30);
                lanes.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, Lane.REQUEST);
            }
            // a request of a good length whose bytes are garbage
            case "lane-request" -> {
                lanes.asSlice(Lane.REQUEST_AT, 100).fill((byte) 0xA5);
                lanes.set(java.lang.foreign.ValueLayout.JAVA_INT, 12, 100);
                lanes.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, Lane.REQUEST);
            }
            // a good request, then its length changed while the kernel may be reading it, again and again
            case "lane-race" -> {
                byte[] frame = new Wire.Out(Wire.STATE).putInt(1).frame();
                lanes.asSlice(Lane.REQUEST_AT, frame.length).copyFrom(MemorySegment.ofArray(frame));
                lanes.set(java.lang.foreign.ValueLayout.JAVA_INT, 12, frame.length);
                lanes.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, Lane.REQUEST);
                Futex.wakeAll(lanes, 0);
                for (long until = System.nanoTime() + 30_000_000_000L; System.nanoTime() < until; ) {
                    lanes.set(java.lang.foreign.ValueLayout.JAVA_INT, 12, -7);
                    lanes.set(java.lang.foreign.ValueLayout.JAVA_INT, 0, Lane.REQUEST);
                    lanes.set(java.lang.foreign.ValueLayout.JAVA_INT, 12, frame.length);
                }
            }
            default -> throw new IllegalArgumentException(attack);
        }
        Futex.wakeAll(lanes, 0);
        System.out.println("hostile: sent " + attack);
        System.out.flush();
        Thread.sleep(60_000); // the kernel ends it
        System.out.println("hostile: still alive");
        System.exit(3);
    }

    private static Wire.In call(DataInputStream in, OutputStream out, Wire.Out request) throws IOException {
        request.send(out);
        Wire.In reply = Wire.In.receive(in);
        if (reply.getByte() != Wire.OK) {
            throw Wire.refused(reply);
        }
        return reply;
    }

    private static String readLine() throws IOException {
        FileInputStream in = new FileInputStream(FileDescriptor.in);
        StringBuilder line = new StringBuilder();
        for (int b; (b = in.read()) != '\n'; ) {
            line.append((char) b);
        }
        return line.toString();
    }
}
