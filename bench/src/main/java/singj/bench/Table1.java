package singj.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
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
import singj.bench.workloads.ApiCaller;
import singj.bench.workloads.EventPingPong;
import singj.bench.workloads.EventPonger;
import singj.bench.workloads.Exit0;
import singj.bench.workloads.Yielder;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.host.HostRuntime;
import singj.kernel.proc.ExitStatus;

/**
 * Singularity's Table 1 on SingJ: one benchmark per row, each running the SIP's own sealed code
 * (kill checks, memory accounting and contract checks in place) through the ABI, the way a SIP
 * does. {@code singj bench} ({@link Table1Run}) runs them beside their Linux baselines; they also
 * run under plain JMH ({@code java -jar bench/target/benchmarks.jar Table1}). Times in ns per
 * operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g",
        "--add-opens", "java.base/java.lang=ALL-UNNAMED"})
public class Table1 {
    /**
     * {@code -Dsingj.bench.sipThreads=FILE}: the fork writes there what its SIP threads run on
     * ({@code singj-carriers} or {@code jdk-virtual}), for the mechanism column of {@code singj bench}.
     */
    static final String SIP_THREADS_REPORT = "singj.bench.sipThreads";
    /** Steps of each of the two threads per invocation of {@link #threadYield}: their start is spread over them. */
    static final int YIELDS_EACH = 10_000;
    /** Round trips per invocation of {@link #waitsetPingPong}. */
    static final int ROUND_TRIPS = 10_000;

    /** A running SIP of {@link ApiCaller}. */
    @State(Scope.Benchmark)
    public static class ApiCall {
        RunningSip sip;
        MethodHandle callerPid;

        @Setup
        public void setUp() {
            reportSipThreads();
            sip = new RunningSip(SealedPrograms.seal("api-caller", ApiCaller.class));
            callerPid = sip.staticEntry(ApiCaller.class, "callerPid", MethodType.methodType(int.class));
        }

        @TearDown
        public void tearDown() throws InterruptedException {
            sip.close();
        }
    }

    /** A running SIP of {@link Yielder}. */
    @State(Scope.Benchmark)
    public static class Yield {
        RunningSip sip;
        MethodHandle handOvers;
        MethodHandle idleTurns;

        @Setup
        public void setUp() {
            reportSipThreads();
            sip = new RunningSip(SealedPrograms.seal("yielder", Yielder.class));
            handOvers = sip.staticEntry(Yielder.class, "handOvers", MethodType.methodType(long.class, int.class));
            idleTurns = sip.staticEntry(Yielder.class, "idleTurns", MethodType.methodType(long.class));
        }

        @TearDown
        public void tearDown() throws InterruptedException {
            sip.close();
        }
    }

    /** A running SIP of {@link EventPingPong}. */
    @State(Scope.Benchmark)
    public static class WaitSet {
        RunningSip sip;
        MethodHandle pingPongs;

        @Setup
        public void setUp() {
            reportSipThreads();
            sip = new RunningSip(SealedPrograms.seal("event-ping-pong", EventPingPong.class));
            pingPongs = sip.staticEntry(EventPingPong.class, "pingPongs", MethodType.methodType(long.class, int.class));
        }

        @TearDown
        public void tearDown() throws InterruptedException {
            sip.close();
        }
    }

    /** A running SIP of {@link EventPonger}, its answering thread (an OS thread of its own) started. */
    @State(Scope.Benchmark)
    public static class WaitSetAcrossThreads {
        RunningSip sip;
        MethodHandle roundTrip;
        MethodHandle wakeUps;

        @Setup
        public void setUp() throws Throwable {
            sip = new RunningSip(SealedPrograms.seal("event-ponger", EventPonger.class));
            MethodHandle ready = sip.staticEntry(EventPonger.class, "ready", MethodType.methodType(boolean.class));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!(boolean) ready.invokeExact()) {
                if (System.nanoTime() > deadline) {
                    sip.close();
                    throw new IllegalStateException("the answering thread of event-ponger did not start within 10 s");
                }
                Thread.sleep(1);
            }
            roundTrip = sip.staticEntry(EventPonger.class, "roundTrip", MethodType.methodType(long.class));
            wakeUps = sip.staticEntry(EventPonger.class, "wakeUps", MethodType.methodType(long.class));
        }

        @TearDown
        public void tearDown() throws InterruptedException {
            sip.close();
        }
    }

    /** A kernel on a system image that holds the installed program {@value #EXIT0}. */
    @State(Scope.Benchmark)
    public static class Image {
        static final String EXIT0 = "exit0";
        Path directory;
        Kernel kernel;

        @Setup
        public void setUp() throws IOException {
            reportSipThreads();
            directory = Files.createTempDirectory("singj-bench-image");
            SystemImage image = new SystemImage(directory);
            image.store(SealedPrograms.seal(EXIT0, Exit0.class), "bench: " + Exit0.class.getName(), "none");
            kernel = Kernel.boot(image, KernelConfig.defaults());
        }

        @TearDown
        public void tearDown() {
            kernel.close();
            deleteTree(directory);
        }

        static void deleteTree(Path root) {
            try (var paths = Files.walk(root)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /**
     * Writes what this JVM's SIP threads run on where {@value #SIP_THREADS_REPORT} says, if it says:
     * the rows measure SingJ's carrier pool only if the fork opens java.lang (the arguments above; a
     * -jvmArgsAppend on JMH's command line replaces them), and the table says which it was.
     */
    static void reportSipThreads() {
        String file = System.getProperty(SIP_THREADS_REPORT);
        if (file != null) {
            try {
                Files.writeString(Path.of(file), HostRuntime.ofThisJvm().sipThreads().mechanism());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write what SIP threads run on to " + file, e);
            }
        }
    }

    /** api-call: the caller's pid, a kernel call through {@code singj.abi.Sip}. */
    @Benchmark
    public int apiCall(ApiCall state) throws Throwable {
        return (int) state.callerPid.invokeExact();
    }

    /** thread-yield: one hand-over of the CPU from one SIP thread to the other, by {@code Thread.yield()}. */
    @Benchmark
    @OperationsPerInvocation(2 * YIELDS_EACH)
    public long threadYield(Yield state) throws Throwable {
        return (long) state.handOvers.invokeExact(YIELDS_EACH);
    }

    /** waitset-ping-pong: one round trip between two SIP threads through two wait events. */
    @Benchmark
    @OperationsPerInvocation(ROUND_TRIPS)
    public long waitsetPingPong(WaitSet state) throws Throwable {
        return (long) state.pingPongs.invokeExact(ROUND_TRIPS);
    }

    /**
     * Not a row: the same round trip between two OS threads of a SIP (the benchmark thread and one
     * the SIP started), which spin for 20 µs, then park. Fast while both have a core; a wake-up
     * from a park costs tens of µs, so on a loaded machine this loses to the condvar.
     */
    @Benchmark
    public long waitsetPingPongAcrossThreads(WaitSetAcrossThreads state) throws Throwable {
        return (long) state.roundTrip.invokeExact();
    }

    /**
     * message-ping-pong: a message to another SIP over a channel and its answer back, both sides
     * on their SIPs' own threads (virtual threads on the kernel's scheduler, as every SIP's are);
     * returns the Pongs that came back.
     */
    @Benchmark
    @OperationsPerInvocation(MessagePassing.ROUND_TRIPS)
    public long messagePingPong(MessagePassing.Sips sips) throws Throwable {
        return (long) sips.roundTripsOnSipThread.invokeExact(MessagePassing.ROUND_TRIPS);
    }

    /** exchange-1mib: a 1 MiB exchange-heap block moved to another SIP and back. */
    @Benchmark
    public int exchange1MiB(MessagePassing.Sips sips) throws Throwable {
        return (int) sips.blockRoundTrip.invokeExact();
    }

    /** process-create: create, start, exit and reap a SIP of the installed program exit0. */
    @Benchmark
    public ExitStatus processCreate(Image image) throws InterruptedException {
        return image.kernel.spawn(Image.EXIT0, SipOptions.of(Stdio.none())).awaitExit();
    }
}
