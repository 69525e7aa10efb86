package singj.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import singj.bench.workloads.ObjectHeavy;

/**
 * What sealing costs object-heavy code (issue 15), measured in pairs as {@link PairedTax} does:
 * every operation runs a workload of {@link ObjectHeavy} as the original class and sealed in a live
 * SIP, in turns, timed by the thread's CPU clock. The sealed run's thread is charged to the SIP's
 * memory account ({@code Sip.chargeCallingThread}), so what it allocates goes through the JVM's
 * heap sampler into the account as a SIP thread's does; the original run's thread is charged to
 * nothing. The tax is {@code instrumentedCpuNanos / originalCpuNanos}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ObjectHeavyTax {
    private static final MethodType TREES = MethodType.methodType(long.class, int.class, int.class);
    private static final MethodType RECORDS = MethodType.methodType(double.class, int.class);
    private static final MethodType COUNTED = MethodType.methodType(long.class, int.class);

    private RunningSip sip;
    private MethodHandle[] original;
    private MethodHandle[] sealed;
    private boolean originalFirst;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        sip = new RunningSip(SealedPrograms.seal("object-heavy", ObjectHeavy.class));
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        original = new MethodHandle[] {
            lookup.findStatic(ObjectHeavy.class, "trees", TREES),
            lookup.findStatic(ObjectHeavy.class, "records", RECORDS),
            lookup.findStatic(ObjectHeavy.class, "collections", COUNTED),
            lookup.findStatic(ObjectHeavy.class, "strings", COUNTED),
            lookup.findStatic(ObjectHeavy.class, "interpreter", COUNTED),
        };
        sealed = new MethodHandle[] {
            sip.staticEntry(ObjectHeavy.class, "trees", TREES),
            sip.staticEntry(ObjectHeavy.class, "records", RECORDS),
            sip.staticEntry(ObjectHeavy.class, "collections", COUNTED),
            sip.staticEntry(ObjectHeavy.class, "strings", COUNTED),
            sip.staticEntry(ObjectHeavy.class, "interpreter", COUNTED),
        };
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        sip.close();
    }

    @Benchmark
    public long trees(PairTimes times) throws Throwable {
        return pair(times, () -> (long) original[0].invokeExact(14, 4), () -> (long) sealed[0].invokeExact(14, 4));
    }

    @Benchmark
    public long records(PairTimes times) throws Throwable {
        return pair(times, () -> (long) (double) original[1].invokeExact(50_000),
                () -> (long) (double) sealed[1].invokeExact(50_000));
    }

    @Benchmark
    public long collections(PairTimes times) throws Throwable {
        return pair(times, () -> (long) original[2].invokeExact(20_000), () -> (long) sealed[2].invokeExact(20_000));
    }

    @Benchmark
    public long strings(PairTimes times) throws Throwable {
        return pair(times, () -> (long) original[3].invokeExact(50_000), () -> (long) sealed[3].invokeExact(50_000));
    }

    @Benchmark
    public long interpreter(PairTimes times) throws Throwable {
        return pair(times, () -> (long) original[4].invokeExact(50_000), () -> (long) sealed[4].invokeExact(50_000));
    }

    private long pair(PairTimes times, PairTimes.Run originalRun, PairTimes.Run sealedRun) throws Throwable {
        originalFirst = !originalFirst;
        if (originalFirst) {
            return times.original(originalRun) + charged(times, sealedRun);
        }
        return charged(times, sealedRun) + times.original(originalRun);
    }

    private long charged(PairTimes times, PairTimes.Run sealedRun) throws Throwable {
        try (var charge = sip.sip().chargeCallingThread()) {
            return times.instrumented(sealedRun);
        }
    }
}
