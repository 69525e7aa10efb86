package singj.kernel.isolate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import singj.abi.Block;
import singj.abi.Endpoint;
import singj.abi.Side;

/**
 * The child's calls to its kernel (docs/isolation.md): one request and one reply over a
 * connection of its own, taken from a pool of idle ones (a new one when all are busy, so that a
 * thread blocked in a receive never holds up another's send). A call that the kernel refused
 * throws what the kernel's call threw.
 */
final class KernelLine {
    private final Path socket;
    private final String secret;
    private final ConcurrentLinkedDeque<Connection> idle = new ConcurrentLinkedDeque<>();
    /** The shared-memory window, once mapped: blocks are slices of it. */
    private volatile MemorySegment window;
    /** The lanes, once mapped (none: every call goes over a connection). */
    private volatile MemorySegment lanes;
    private int laneCount;
    private final AtomicInteger lanesTaken = new AtomicInteger();
    private final ConcurrentLinkedDeque<Lane> idleLanes = new ConcurrentLinkedDeque<>();
    /** The kernel's JVM: a child whose kernel has gone ends (its sleeps in a lane time out to look). */
    private final ProcessHandle parent = ProcessHandle.current().parent().orElse(null);

    KernelLine(Path socket, String secret) {
        this.socket = socket;
        this.secret = secret;
    }

    void window(MemorySegment mapped) {
        window = mapped;
    }

    void lanes(MemorySegment mapped, int count) {
        laneCount = count;
        lanes = mapped;
    }

    /** One connection: the socket and its streams. */
    private record Connection(SocketChannel channel, DataInputStream in, OutputStream out) {
        static Connection open(Path socket) throws IOException {
            SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
            channel.connect(UnixDomainSocketAddress.of(socket));
            return new Connection(channel, new DataInputStream(new BufferedInputStream(Channels.newInputStream(channel))),
                    new BufferedOutputStream(Channels.newOutputStream(channel)));
        }

        Wire.In call(Wire.Out request) throws IOException {
            request.send(out);
            return Wire.In.receive(in);
        }
    }

    /** The first connection: the kernel answers it with what the SIP is ({@link ChildMain}). */
    Wire.In start() {
        try {
            Connection first = Connection.open(socket);
            Wire.In reply = first.call(new Wire.Out(Wire.HELLO).putString(secret).putBoolean(true));
            expectOk(reply);
            idle.push(first);
            return reply;
        } catch (IOException e) {
            throw lost(e);
        }
    }

    /**
     * Makes a call; returns the reply after its OK, or throws what the kernel refused with. It
     * goes through a lane when one is free, the request fits and the thread may sleep in a futex
     * ({@link Futex#mayWait}); else over a connection.
     */
    Wire.In call(Wire.Out request) {
        if (lanes != null && request.size() <= Lane.REQUEST_CAPACITY && Futex.mayWait()) {
            Lane lane = takeLane();
            if (lane != null) {
                try {
                    byte[] frame = lane.call(request.frame(), this::ensureKernel);
                    Wire.In reply = frame != null ? Wire.In.of(frame) : overConnection(new Wire.Out(Wire.FETCH).putInt(lane.number()));
                    expectOk(reply);
                    return reply;
                } finally {
                    idleLanes.push(lane);
                }
            }
        }
        Wire.In reply = overConnection(request);
        expectOk(reply);
        return reply;
    }

    /** An idle lane, or a new one the kernel is told to serve, or null when all are busy. */
    private Lane takeLane() {
        Lane lane = idleLanes.poll();
        if (lane != null) {
            return lane;
        }
        int number = lanesTaken.getAndIncrement();
        if (number >= laneCount) {
            return null;
        }
        Wire.In reply = overConnection(new Wire.Out(Wire.LANE).putInt(number));
        expectOk(reply);
        return new Lane(number, lanes);
    }

    private void ensureKernel() {
        if (parent == null || !parent.isAlive()) {
            Runtime.getRuntime().halt(ChildMain.LOST_KERNEL);
        }
    }

    /** A request and its reply over a connection of its own, taken from the idle ones or opened. */
    private Wire.In overConnection(Wire.Out request) {
        Connection connection = idle.poll();
        try {
            if (connection == null) {
                connection = Connection.open(socket);
                expectOk(connection.call(new Wire.Out(Wire.HELLO).putString(secret).putBoolean(false)));
            }
            Wire.In reply = connection.call(request);
            idle.push(connection);
            return reply;
        } catch (IOException e) {
            throw lost(e);
        }
    }

    private static void expectOk(Wire.In reply) {
        if (reply.getByte() != Wire.OK) {
            throw Wire.refused(reply);
        }
    }

    /**
     * The kernel closed the line: it is killing this process (the SIGKILL follows at once) or has
     * gone. Nothing the SIP does can matter any more; the thread waits for the end.
     */
    private static RuntimeException lost(IOException e) {
        Runtime.getRuntime().halt(ChildMain.LOST_KERNEL);
        return new UncheckedIOException(e);
    }

    // ---- what the kernel hands over: endpoints and blocks -----------------------------------

    Endpoint<?> getEndpoint(Wire.In in) {
        int number = in.getInt();
        String contract = in.getString();
        Side side = Side.values()[in.getByte()];
        return new Endpoint<>(new ChildEnd(this, number, contract, side), 0);
    }

    Block getBlock(Wire.In in) {
        int number = in.getInt();
        long offset = in.getLong();
        long size = in.getLong();
        return new ChildBlock(this, number).handle(window, offset, size);
    }
}
