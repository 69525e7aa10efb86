package singj.kernel.isolate;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import singj.abi.Block;
import singj.abi.Channel;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Service;
import singj.abi.runtime.SipContext;
import singj.abi.runtime.SipKilled;
import singj.kernel.SealedProgram;
import singj.kernel.host.ExitFiles;
import singj.kernel.ipc.ContractType;
import singj.kernel.ipc.ExchangeHeap;
import singj.kernel.ipc.Ipc;
import singj.kernel.proc.IsolatedProgram;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;

/**
 * The kernel's side of a SIP that runs in a JVM process of its own (docs/isolation.md). It runs on
 * the SIP's main thread: it starts the child, relays its standard streams, serves each of its
 * connections on a thread of the SIP, and returns the child's exit status. Everything the SIP holds
 * is the kernel's as for any SIP (its endpoints, services and blocks are the kernel's objects, kept
 * here under numbers the child names them by); the child is trusted with nothing, and a request
 * that is malformed or names what the SIP does not hold kills it.
 */
public final class ProcessSip implements IsolatedProgram {
    /** How long a relay waits for a SIGKILLed child to be reported dead, and for its last output. */
    private static final Duration DRAIN = Duration.ofSeconds(5);
    /** How many lanes a process SIP has: calls beyond as many at once go over the socket. */
    private static final int LANES = 64;
    /** How long a lane's kernel thread sleeps before it looks whether the SIP is ending. */
    private static final long LANE_SLEEP_NANOS = 100_000_000L;

    private final SealedProgram program;
    private final ChildCommand command;
    private final ExitFiles exitFiles;

    private Proc sip;
    private SipContext context;
    private ClassLoader contracts;
    private Ipc ipc;
    private ExchangeHeap heap;
    private ExchangeHeap windowHeap;
    private Window window;
    private String secret;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicInteger numbers = new AtomicInteger();
    private final Map<Integer, Endpoint<?>> ends = new ConcurrentHashMap<>();
    private final Map<Integer, Service<?>> services = new ConcurrentHashMap<>();
    private final Map<Integer, Block> blocks = new ConcurrentHashMap<>();
    /** The lanes (null where futexes are not available: every call then goes over the socket). */
    private Window lanes;
    private final Map<Integer, Lane> servedLanes = new ConcurrentHashMap<>();
    /** Replies too long for their lane, until the child fetches them over the socket. */
    private final Map<Integer, byte[]> longReplies = new ConcurrentHashMap<>();
    /** The lanes' users: the relay and each lane's thread; the last one unmaps them. */
    private final AtomicInteger laneUsers = new AtomicInteger(1);
    private volatile boolean childEnded;

    /** {@code exitFiles}: the host runtime's, which deletes the SIP's host files if the JVM exits while it starts. */
    public ProcessSip(SealedProgram program, ChildCommand command, ExitFiles exitFiles) {
        this.program = program;
        this.command = command;
        this.exitFiles = exitFiles;
    }

    @Override
    public int run(Proc self, ClassLoader programContracts, Ipc ipc) throws Exception {
        this.sip = self;
        this.context = self.context();
        this.contracts = programContracts;
        this.ipc = ipc;
        this.heap = ipc.heap();
        byte[] random = new byte[16];
        new SecureRandom().nextBytes(random);
        secret = HexFormat.of().formatHex(random);
        HostLeftovers.sweep(); // what a kernel JVM that died (killed, with no shutdown hook) left
        String prefix = HostLeftovers.owner() + "-" + self.pid() + "-";
        Path directory = Files.createTempDirectory("singj-sip-" + prefix,
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        exitFiles.hold(directory);
        Path socketPath = directory.resolve("kernel.sock");
        long windowBytes = Math.max(16L << 20, 2 * self.holdings().exchangeQuota() + (8L << 20));
        try {
            window = Window.create("singj-" + prefix, windowBytes, exitFiles);
            windowHeap = heap.window(window.memory());
            lanes = Futex.available() && command.usesLanes()
                    ? Window.create("singj-" + prefix + "lanes-", (long) LANES * Lane.BYTES, exitFiles)
                    : null;
        } catch (IOException | RuntimeException | Error e) {
            if (window != null) {
                window.unmap();
            }
            ExitFiles.delete(directory);
            exitFiles.release(directory);
            throw e;
        }
        Process process = null;
        List<Thread> pumps = new ArrayList<>();
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(socketPath));
            process = command.start(socketPath, self.memoryQuota());
            OutputStream childIn = process.getOutputStream();
            childIn.write((secret + "\n").getBytes(StandardCharsets.US_ASCII));
            childIn.flush();
            pumps.add(pump(process.getInputStream(), self.out(), "stdout", true));
            pumps.add(pump(process.getErrorStream(), self.err(), "stderr", true));
            pump(self.in(), childIn, "stdin", false);
            thread("accept", () -> acceptAll(server));
            int status = awaitExit(process);
            for (Thread pump : pumps) {
                pump.join(DRAIN); // its last output reaches the SIP's streams before the reaper closes them
            }
            if (status > 128 && !stopping()) {
                sip.kill(KillCause.PROCESS_DIED, "its process died: exit status " + status
                        + (status == 137 ? " (SIGKILL: killed from outside, or out of memory)" : ""));
            }
            return status;
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            childEnded = true;
            if (lanes != null) {
                lanes.unlink();
                servedLanes.values().forEach(Lane::wakeKernel);
            }
            releaseLanes();
            window.unlink();
            Files.deleteIfExists(socketPath);
            Files.deleteIfExists(directory);
            exitFiles.release(directory);
            Window mapped = window;
            windowHeap.retireWhenFree(mapped::unmap);
        }
    }

    /** Waits for the child to end; a kill (which interrupts this thread) ends it with SIGKILL first. */
    private int awaitExit(Process process) throws InterruptedException {
        try {
            return process.waitFor();
        } catch (InterruptedException killed) {
            process.destroyForcibly();
            // its blocks and endpoints go back only once it can no longer touch them
            if (!process.onExit().completeOnTimeout(null, DRAIN.toMillis(), TimeUnit.MILLISECONDS).join().isAlive()) {
                return process.exitValue();
            }
            throw killed;
        }
    }

    private boolean stopping() {
        return context.stopping();
    }

    /** A thread of the SIP: counted against its quota, stopped by its kill. */
    private Thread thread(String name, Runnable body) {
        Thread thread = context.threadFactory(true).newThread(body);
        thread.setName(name);
        thread.start();
        return thread;
    }

    /** Copies {@code from} to {@code to} on a thread of the SIP; {@code toSip}: the child's output, else its input. */
    private Thread pump(InputStream from, OutputStream to, String name, boolean toSip) {
        return thread(name, () -> {
            byte[] buffer = new byte[8192];
            try (from) {
                for (int read; (read = from.read(buffer)) >= 0; ) {
                    to.write(buffer, 0, read);
                    to.flush(); // the child's output appears as it writes it, as an in-process SIP's does
                }
                if (!toSip) {
                    to.close(); // the SIP's input ended: so does the child's
                }
            } catch (IOException | RuntimeException ended) {
                // the child or the SIP's stream closed: nothing more to copy
            }
        });
    }

    private void acceptAll(ServerSocketChannel server) {
        try {
            while (true) {
                SocketChannel connection = server.accept();
                thread("kernel-calls-" + numbers.incrementAndGet(), () -> serve(connection));
            }
        } catch (IOException | RuntimeException closed) {
            // the SIP is ending
        }
    }

    // ---- one connection: requests in, replies out ------------------------------------------

    private void serve(SocketChannel connection) {
        try (connection) {
            DataInputStream in = new DataInputStream(new BufferedInputStream(Channels.newInputStream(connection)));
            OutputStream out = new BufferedOutputStream(Channels.newOutputStream(connection));
            Wire.In hello = Wire.In.receive(in);
            if (hello.getByte() != Wire.HELLO || !secret.equals(hello.getString())) {
                return; // not the child: whoever it is learns nothing
            }
            boolean first = hello.getBoolean();
            hello.end();
            if (first) {
                if (!started.compareAndSet(false, true)) {
                    throw new WireException("a second start");
                }
                startFrame().send(out);
            } else {
                new Wire.Out(Wire.OK).send(out);
            }
            for (Wire.In request; (request = Wire.receiveOrEnd(in)) != null; ) {
                Wire.Out reply = answer(request);
                if (reply == null) {
                    return;
                }
                reply.send(out);
            }
        } catch (WireException bad) {
            violation(bad);
        } catch (IOException | SipKilled ended) {
            // the child closed the connection or died, or the SIP is being stopped
        }
    }

    /** The reply to a request, the kernel's refusal included; null if the SIP is ending. */
    private Wire.Out answer(Wire.In request) {
        try {
            return handle(request);
        } catch (WireException bad) {
            throw bad;
        } catch (RuntimeException refused) {
            return stopping() ? null : Wire.refusal(refused);
        }
    }

    private void violation(WireException bad) {
        sip.kill(KillCause.VIOLATION, "it broke the process-SIP protocol: " + bad.getMessage());
    }

    // ---- lanes: the same requests and replies through shared memory --------------------------

    /** Lane {@code number} is in use from now on: a thread of the SIP serves it (it sleeps in a futex, its carrier marked blocked). */
    private void serveLane(int number) {
        if (lanes == null || number < 0 || number >= LANES || servedLanes.containsKey(number)) {
            throw new WireException("a request to use lane " + number + ", which is not a free lane of the SIP");
        }
        if (laneUsers.getAndUpdate(users -> users == 0 ? 0 : users + 1) == 0) {
            throw new IllegalStateException("the SIP is ending"); // its lanes are unmapped
        }
        Lane lane = new Lane(number, lanes.memory());
        servedLanes.put(number, lane);
        // a thread of the carrier pool, as a socket's is: a peer in the kernel that it sends to,
        // or that answers its receive, runs on the same carrier without waking an OS thread
        Thread thread = context.threadFactory(true).newThread(() -> {
            try {
                for (Wire.In request; (request = lane.awaitRequest(this::lanesEnded, LANE_SLEEP_NANOS)) != null; ) {
                    Wire.Out reply = answer(request);
                    if (reply == null) {
                        return;
                    }
                    byte[] frame = reply.frame();
                    if (frame.length > Lane.REPLY_CAPACITY) {
                        longReplies.put(number, frame); // before the child can ask for it
                    }
                    lane.reply(frame);
                }
            } catch (WireException bad) {
                violation(bad);
            } catch (SipKilled ended) {
                // the SIP is being stopped
            } finally {
                releaseLanes();
            }
        });
        thread.setName("kernel-lane-" + number);
        thread.start();
    }

    private boolean lanesEnded() {
        return childEnded || stopping();
    }

    /** One user of the lanes is done with them; the last unmaps them (no thread can be in a futex call on them). */
    private void releaseLanes() {
        if (laneUsers.decrementAndGet() == 0 && lanes != null) {
            lanes.unmap();
        }
    }

    private Wire.Out startFrame() {
        Wire.Out out = new Wire.Out(Wire.OK);
        out.putInt(sip.pid()).putString(program.name()).putString(program.mainClass());
        out.putInt(sip.args().size());
        sip.args().forEach(out::putString);
        Map<String, String> environment = context.environment();
        out.putInt(environment.size());
        environment.forEach((name, value) -> out.putString(name).putString(value));
        Properties properties = context.properties();
        out.putInt(properties.size());
        properties.forEach((name, value) -> out.putString((String) name).putString((String) value));
        out.putInt(program.classes().size());
        program.classes().forEach((name, bytes) -> out.putString(name).putBytes(bytes));
        out.putInt(program.manifest().contracts().size());
        program.manifest().contracts().forEach(out::putString);
        out.putString(window.file().toString()).putLong(window.memory().byteSize()).putLong(window.memory().address());
        out.putInt(lanes == null ? 0 : LANES);
        if (lanes != null) {
            out.putString(lanes.file().toString()).putLong(lanes.memory().address());
        }
        return out;
    }

    private Wire.Out handle(Wire.In request) {
        byte op = request.getByte();
        Wire.Out reply = new Wire.Out(Wire.OK);
        switch (op) {
            case Wire.NEW_CHANNEL -> {
                Class<?> contract = contract(request.getString());
                request.end();
                Channel<?> channel = context.newChannel(contract);
                putEnd(reply, channel.client());
                putEnd(reply, channel.server());
            }
            case Wire.OPEN -> {
                String name = request.getString();
                Class<?> contract = contract(request.getString());
                request.end();
                putEnd(reply, context.open(name, contract));
            }
            case Wire.REGISTER -> {
                String name = request.getString();
                Class<?> contract = contract(request.getString());
                request.end();
                Service<?> service = context.register(name, contract);
                int number = numbers.incrementAndGet();
                services.put(number, service);
                reply.putInt(number);
            }
            case Wire.ACCEPT -> {
                Service<?> service = service(request.getInt());
                long timeout = request.getLong();
                request.end();
                Endpoint<?> client = timeout < 0 ? service.accept() : service.accept(Duration.ofNanos(timeout));
                reply.putBoolean(client != null);
                if (client != null) {
                    putEnd(reply, client);
                }
            }
            case Wire.SERVICE_CLOSE -> {
                int number = request.getInt();
                request.end();
                service(number).close(); // kept under its number: a second close or an accept meets the kernel's answer
            }
            case Wire.START_ENDPOINT -> {
                String name = request.getString();
                request.end();
                putEnd(reply, context.startEndpoint(name));
            }
            case Wire.SEND -> send(request);
            case Wire.RECEIVE -> {
                Endpoint<?> end = end(request.getInt());
                long timeout = request.getLong();
                request.end();
                Message message = timeout < 0 ? end.receive() : end.receive(Duration.ofNanos(timeout));
                reply.putBoolean(message != null);
                if (message != null) {
                    Wire.putMessage(reply, message, toChild);
                }
            }
            case Wire.SELECT -> {
                int count = request.getCount();
                Endpoint<?>[] selected = new Endpoint<?>[count];
                for (int i = 0; i < count; i++) {
                    selected[i] = end(request.getInt());
                }
                long timeout = request.getLong();
                request.end();
                if (count == 0) {
                    throw new WireException("a select of no endpoints");
                }
                reply.putInt(Endpoint.select(timeout < 0 ? null : Duration.ofNanos(timeout), selected));
            }
            case Wire.CLOSE -> {
                Endpoint<?> end = end(request.getInt());
                request.end();
                end.close();
            }
            case Wire.IS_OPEN -> {
                Endpoint<?> end = end(request.getInt());
                request.end();
                reply.putBoolean(end.isOpen());
            }
            case Wire.STATE -> {
                Endpoint<?> end = end(request.getInt());
                request.end();
                reply.putString(end.state());
            }
            case Wire.ALLOCATE -> {
                long bytes = request.getLong();
                request.end();
                putBlock(reply, windowHeap.allocate(sip.holdings(), bytes));
            }
            case Wire.FREE -> {
                int number = request.getInt();
                request.end();
                Block block = blocks.remove(number);
                if (block == null) {
                    throw new WireException("a free of block " + number + ", which the SIP does not hold");
                }
                block.free();
            }
            case Wire.MAPPED -> {
                request.end();
                window.unlink(); // from now on the window is only the two mappings: nothing can be left in /dev/shm
                if (lanes != null) {
                    lanes.unlink();
                }
            }
            case Wire.LANE -> {
                int number = request.getInt();
                request.end();
                serveLane(number);
            }
            case Wire.FETCH -> {
                int number = request.getInt();
                request.end();
                byte[] frame = longReplies.remove(number);
                if (frame == null) {
                    throw new WireException("a fetch of lane " + number + "'s reply, which is not waiting");
                }
                return Wire.Out.of(frame);
            }
            default -> throw new WireException("an unknown request " + op);
        }
        return reply;
    }

    /**
     * A send: the message is rebuilt from the kernel's own classes and the SIP's own handles, and
     * sent through the kernel's endpoint, whose checks are the ones every SIP meets. The numbers of
     * what it carried are forgotten only once the send has taken them.
     */
    private void send(Wire.In request) {
        Endpoint<?> end = end(request.getInt());
        List<Integer> carried = new ArrayList<>();
        Message message = Wire.getMessage(request, name -> messageClass(end, name), new Wire.Handles() {
            @Override
            public void putBlock(Wire.Out out, Block block) {
                throw new IllegalStateException();
            }

            @Override
            public void putEndpoint(Wire.Out out, Endpoint<?> endpoint) {
                throw new IllegalStateException();
            }

            @Override
            public Block getBlock(Wire.In in) {
                int number = in.getInt();
                carried.add(number);
                Block block = blocks.get(number);
                if (block == null) {
                    throw new WireException("a message carrying block " + number + ", which the SIP does not hold");
                }
                return block;
            }

            @Override
            public Endpoint<?> getEndpoint(Wire.In in) {
                int number = in.getInt();
                carried.add(number);
                return end(number);
            }
        });
        request.end();
        end.send(message);
        for (int number : carried) {
            blocks.remove(number);
            ends.remove(number);
        }
    }

    /** The message class {@code name} of the contract {@code end} speaks, or null. */
    private Class<?> messageClass(Endpoint<?> end, String name) {
        // the contract's own list of messages: a contract nested in another class shares its nest
        // with the outer class, whose nest the sealed program's loader may not resolve
        return ContractType.of(ipc.contractOf(end)).messageNamed(name);
    }

    /** How the kernel writes what it hands the child: numbers of its own tables, blocks moved into the window. */
    private final Wire.Handles toChild = new Wire.Handles() {
        @Override
        public void putBlock(Wire.Out out, Block block) {
            ProcessSip.this.putBlock(out, intoWindow(block));
        }

        @Override
        public void putEndpoint(Wire.Out out, Endpoint<?> endpoint) {
            putEnd(out, endpoint);
        }

        @Override
        public Block getBlock(Wire.In in) {
            throw new IllegalStateException();
        }

        @Override
        public Endpoint<?> getEndpoint(Wire.In in) {
            throw new IllegalStateException();
        }
    };

    /**
     * A block the SIP received, in its window: as it is if it lives there, else copied into a new
     * block of the window and the original freed (the child maps no memory of other SIPs' blocks).
     */
    private Block intoWindow(Block block) {
        if (windowHeap.holds(block)) {
            return block;
        }
        Block copy = windowHeap.allocate(sip.holdings(), block.size());
        try {
            heap.access(block, sip.holdings(), 0, block.size(), from ->
                    windowHeap.access(copy, sip.holdings(), 0, block.size(), to -> {
                        to.copyFrom(from);
                        return null;
                    }));
        } catch (IOException impossible) {
            throw new IllegalStateException(impossible);
        }
        block.free();
        return copy;
    }

    private void putBlock(Wire.Out out, Block block) {
        int number = numbers.incrementAndGet();
        blocks.put(number, block);
        out.putInt(number).putLong(block.address() - window.memory().address()).putLong(block.size());
    }

    private void putEnd(Wire.Out out, Endpoint<?> end) {
        int number = numbers.incrementAndGet();
        ends.put(number, end);
        out.putInt(number).putString(end.contract()).putByte(end.side().ordinal());
    }

    private Endpoint<?> end(int number) {
        Endpoint<?> end = ends.get(number);
        if (end == null) {
            throw new WireException("a call on endpoint " + number + ", which the SIP does not hold");
        }
        return end;
    }

    private Service<?> service(int number) {
        Service<?> service = services.get(number);
        if (service == null) {
            throw new WireException("a call on service " + number + ", which the SIP did not register");
        }
        return service;
    }

    /** The contract class {@code name} the program brings, as the kernel links it (as for an in-process SIP). */
    private Class<?> contract(String name) {
        if (!program.classes().containsKey(name)) {
            throw new IllegalArgumentException(name + " is not a class of " + program.name());
        }
        try {
            return contracts.loadClass(name);
        } catch (ClassNotFoundException | LinkageError e) {
            throw new IllegalArgumentException("cannot link contract " + name + ": " + e);
        }
    }

    @Override
    public String toString() {
        return "process SIP relay of " + program.name() + (sip == null ? "" : " (" + sip + ")");
    }
}
