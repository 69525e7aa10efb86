package singj.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import singj.bench.InstrumentationTax.Variant;

/**
 * The instrumentation tax measured in pairs: every operation runs a workload of
 * {@link InstrumentationTax} twice, once as the original class and once sealed in a live SIP, in
 * turns (the original first in one operation, second in the next), and times each run with the
 * thread's CPU clock ({@link PairTimes}); the tax is the ratio of the two sums.
 *
 * <p>Why pairs: {@link InstrumentationTax} compares forks, and between forks both the JDK code a
 * workload calls (a {@code HashMap}'s) and the machine's neighbours change; rounds of one variant
 * spread by ±20% ({@code hashMap}: 0.73..1.09 over four), more than the 5% to resolve. Two runs a
 * few hundred microseconds apart in one JVM call the same compiled JDK code on the same machine
 * state: what differs is the workload's own code, sealed or not, which is the tax. (The JVM of a
 * pair also hosts the kernel, as a SIP's does; {@code InstrumentationTax} compares against a JVM
 * with nothing else in it.) The instrumented run's thread is charged to the SIP's memory
 * account, so that the JVM's heap sampler charges its allocations as a SIP thread's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class PairedTax {
    /** Calls of {@code scale} (about 2 µs each) per timed run, so that reading the clock stays under 1% of a run. */
    static final int SCALE_CALLS = 64;
    /** Calls of {@code fib} (about 40 µs each) per timed run. */
    static final int FIB_CALLS = 4;

    /** What runs beside the original: {@code sealed}, or a diagnostic variant of it. */
    @Param({"sealed"})
    public Variant variant;

    private final InstrumentationTax original = new InstrumentationTax();
    private final InstrumentationTax instrumented = new InstrumentationTax();
    /** The workloads count their calls here; unused. */
    private final CpuTimePerOperation calls = new CpuTimePerOperation();
    private boolean originalFirst;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        if (variant == Variant.plain) {
            throw new IllegalArgumentException("plain is what every variant is paired with");
        }
        original.variant = Variant.plain;
        original.setUp();
        instrumented.variant = variant;
        instrumented.setUp();
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        instrumented.tearDown();
    }

    @Benchmark
    public long sort(PairTimes times) throws Throwable {
        return pair(times, () -> original.sort(calls), () -> instrumented.sort(calls));
    }

    @Benchmark
    public long hashMap(PairTimes times) throws Throwable {
        return pair(times, () -> original.hashMap(calls), () -> instrumented.hashMap(calls));
    }

    @Benchmark
    public long scale(PairTimes times) throws Throwable {
        return pair(times, () -> repeat(SCALE_CALLS, () -> Float.floatToRawIntBits(original.scale(calls))),
                () -> repeat(SCALE_CALLS, () -> Float.floatToRawIntBits(instrumented.scale(calls))));
    }

    @Benchmark
    public long fib(PairTimes times) throws Throwable {
        return pair(times, () -> repeat(FIB_CALLS, () -> original.fib(calls)),
                () -> repeat(FIB_CALLS, () -> instrumented.fib(calls)));
    }

    @Benchmark
    public long allocate(PairTimes times) throws Throwable {
        return pair(times, () -> original.allocate(calls), () -> instrumented.allocate(calls));
    }

    /** {@code calls} calls of a short workload as one timed run. */
    private static long repeat(int calls, PairTimes.Run call) throws Throwable {
        long sum = 0;
        for (int i = 0; i < calls; i++) {
            sum += call.run();
        }
        return sum;
    }

    private long pair(PairTimes times, PairTimes.Run originalRun, PairTimes.Run instrumentedRun) throws Throwable {
        originalFirst = !originalFirst;
        if (originalFirst) {
            return times.original(originalRun) + charged(times, instrumentedRun);
        }
        return charged(times, instrumentedRun) + times.original(originalRun);
    }

    /** The instrumented run, its thread charged to the SIP's memory account as a SIP thread is (see {@link ObjectHeavyTax}). */
    private long charged(PairTimes times, PairTimes.Run instrumentedRun) throws Throwable {
        try (var charge = instrumented.sip().sip().chargeCallingThread()) {
            return times.instrumented(instrumentedRun);
        }
    }
}
