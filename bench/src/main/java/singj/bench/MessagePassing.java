package singj.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.util.Map;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import singj.bench.workloads.PingPong;
import singj.bench.workloads.Pinger;
import singj.bench.workloads.Ponger;
import singj.kernel.Kernel;

/**
 * What a message costs between two SIPs, beside a JDK hand-off between two threads (and, in
 * {@link Ratios}, a round trip over Linux pipes between two processes).
 * <ul>
 * <li>{@code sipRoundTrip}: a Ping with no payload from a pinger SIP to a ponger SIP and its Pong
 *     back, over a channel the pinger opened through the nameserver. The benchmark thread runs the
 *     pinger's own sealed code ({@link Pinger#roundTrip()}); the ponger answers on its own thread.</li>
 * <li>{@code sipRoundTripBetweenSipThreads}: the same round trips, with both sides on the SIPs'
 *     own virtual threads (the pinger's started per invocation of {@value #ROUND_TRIPS}), so both
 *     run on the kernel's scheduler; {@code -Dsingj.scheduler=jdk} puts them on the JDK's.</li>
 * <li>{@code sipBlockTransfer1MiB}: the same, with a 1 MiB exchange-heap block in the Ping that the
 *     ponger sends back in the Pong: the block moves to the other SIP and back, without a copy.</li>
 * <li>{@code synchronousQueueRoundTrip}: a message handed to a platform thread through one
 *     {@link SynchronousQueue} and back through another.</li>
 * <li>{@code spinRoundTrip}: a sequence number handed to a platform thread that spins for it and
 *     hands it back the same way (the LMAX Disruptor's hand-off, which reports ~52 ns a hop): the
 *     fastest two JVM threads meet without a scheduler, while both keep a core.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class MessagePassing {
    static final Map<String, String> PONGER_MANIFEST = Map.of(
            "SingJ-Contracts", PingPong.class.getName(), "SingJ-Registers", Ponger.NAME);
    static final Map<String, String> PINGER_MANIFEST = Map.of(
            "SingJ-Contracts", PingPong.class.getName(), "SingJ-Opens", "/bench/*");

    /** A ponger SIP and a pinger SIP connected to it, on one kernel. */
    @State(Scope.Benchmark)
    public static class Sips {
        Kernel kernel;
        RunningSip ponger;
        RunningSip pinger;
        MethodHandle roundTrip;
        MethodHandle roundTripsOnSipThread;
        MethodHandle blockRoundTrip;
        MethodHandle pings;
        long blockAddress;

        @Setup
        public void setUp() throws Throwable {
            Table1.reportSipThreads();
            kernel = RunningSip.bootKernel();
            try {
                ponger = new RunningSip(kernel, SealedPrograms.seal("ponger", Ponger.class, PONGER_MANIFEST));
                MethodHandle registered = ponger.staticEntry(Ponger.class, "registered", MethodType.methodType(boolean.class));
                await("the ponger to register " + Ponger.NAME, () -> call(registered));
                pings = ponger.staticEntry(Ponger.class, "pings", MethodType.methodType(long.class));
                pinger = new RunningSip(kernel, SealedPrograms.seal("pinger", Pinger.class, PINGER_MANIFEST));
                MethodHandle ready = pinger.staticEntry(Pinger.class, "ready", MethodType.methodType(boolean.class));
                await("the pinger to open " + Ponger.NAME, () -> call(ready));
                roundTrip = pinger.staticEntry(Pinger.class, "roundTrip", MethodType.methodType(Object.class));
                roundTripsOnSipThread = pinger.staticEntry(Pinger.class, "roundTripsOnSipThread",
                        MethodType.methodType(long.class, int.class));
                blockRoundTrip = pinger.staticEntry(Pinger.class, "blockRoundTrip", MethodType.methodType(int.class));
                blockAddress = (long) pinger.staticEntry(Pinger.class, "allocateBlock", MethodType.methodType(long.class))
                        .invokeExact();
            } catch (Throwable e) {
                tearDown();
                throw e;
            }
        }

        @TearDown
        public void tearDown() throws InterruptedException {
            try {
                if (pinger != null) {
                    pinger.close();
                }
                if (ponger != null) {
                    ponger.close();
                }
            } finally {
                kernel.close();
            }
        }

        long pings() throws Throwable {
            return (long) pings.invokeExact();
        }

        private static boolean call(MethodHandle check) {
            try {
                return (boolean) check.invokeExact();
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        private static void await(String what, BooleanSupplier done) throws InterruptedException {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!done.getAsBoolean()) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("waited 10 s for " + what);
                }
                Thread.sleep(1);
            }
        }
    }

    /** Two synchronous queues and a platform thread that hands back whatever arrives on the first. */
    @State(Scope.Benchmark)
    public static class Queues {
        final SynchronousQueue<Object> there = new SynchronousQueue<>();
        final SynchronousQueue<Object> back = new SynchronousQueue<>();
        final Object message = new Object();
        Thread echo;

        @Setup
        public void setUp() {
            echo = Thread.ofPlatform().daemon().name("echo").start(() -> {
                try {
                    while (true) {
                        back.put(there.take());
                    }
                } catch (InterruptedException stop) {
                    // the end
                }
            });
        }

        @TearDown
        public void tearDown() throws InterruptedException {
            echo.interrupt();
            echo.join();
        }
    }

    /** Two sequence numbers a cache line apart and more, and a platform thread that answers each ping by spinning for it. */
    @State(Scope.Benchmark)
    public static class Spin {
        private static final int PING = 0;
        private static final int PONG = 16; // 128 bytes on: the two threads never write one cache line
        final AtomicLongArray sequence = new AtomicLongArray(32);
        long sent;
        volatile boolean stop;
        Thread echo;

        @Setup
        public void setUp() {
            echo = Thread.ofPlatform().daemon().name("spin-echo").start(() -> {
                long seen = 0;
                while (!stop) {
                    long ping = sequence.get(PING);
                    if (ping != seen) {
                        seen = ping;
                        sequence.set(PONG, ping);
                    } else {
                        Thread.onSpinWait();
                    }
                }
            });
        }

        long roundTrip() {
            long n = ++sent;
            sequence.set(PING, n);
            while (sequence.get(PONG) != n) {
                Thread.onSpinWait();
            }
            return n;
        }

        @TearDown
        public void tearDown() throws InterruptedException {
            stop = true;
            echo.join();
        }
    }

    @Benchmark
    public Object sipRoundTrip(Sips sips) throws Throwable {
        return (Object) sips.roundTrip.invokeExact();
    }

    /** Round trips per invocation of {@link #sipRoundTripBetweenSipThreads}. */
    static final int ROUND_TRIPS = 1000;

    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long sipRoundTripBetweenSipThreads(Sips sips) throws Throwable {
        return (long) sips.roundTripsOnSipThread.invokeExact(ROUND_TRIPS);
    }

    @Benchmark
    public int sipBlockTransfer1MiB(Sips sips) throws Throwable {
        return (int) sips.blockRoundTrip.invokeExact();
    }

    @Benchmark
    public Object synchronousQueueRoundTrip(Queues queues) throws InterruptedException {
        queues.there.put(queues.message);
        return queues.back.take();
    }

    @Benchmark
    public long spinRoundTrip(Spin spin) {
        return spin.roundTrip();
    }
}
