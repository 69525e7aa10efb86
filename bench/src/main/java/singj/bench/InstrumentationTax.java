package singj.bench;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.SplittableRandom;
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
import singj.bench.workloads.Workloads;
import singj.kernel.SealedProgram;

/**
 * What sealing costs CPU-bound code: each workload of {@link Workloads} runs as the original
 * class ({@code plain}) and as the installer sealed it, inside a live SIP ({@code sealed}). Both
 * are called through a {@link MethodHandle} held in a field, so the call paths match; the tax is
 * {@code sealed / plain - 1}. The diagnostic variants strip one kind of inserted call from the
 * sealed code to tell the kill checks' cost from the memory accounting's. Each figure comes with
 * the benchmark thread's CPU time per operation ({@link CpuTimePerOperation}), the steadier of
 * the two on a shared machine.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class InstrumentationTax {
    /** Named as they appear in JMH's table. */
    @SuppressWarnings("java:S115")
    public enum Variant {
        /** The original class, loaded by the application class loader. */
        plain,
        /** Sealed by the standard installer, running in a SIP. */
        sealed,
        /** Sealed, then the kill checks removed: what the memory accounting alone costs. */
        accountingOnly,
        /** Sealed, then the memory accounting removed: what the kill checks alone cost. */
        killChecksOnly
    }

    static final int SORT_SIZE = 10_000;
    static final int MAP_KEYS = 10_000;
    static final int SCALE_SIZE = 16_384;
    static final int FIB_N = 22;
    static final int POINTS = 10_000;

    @Param({"plain", "sealed"})
    public Variant variant;

    private RunningSip sip;
    private MethodHandle sort;
    private MethodHandle hashMap;
    private MethodHandle scale;
    private MethodHandle fib;
    private MethodHandle allocate;

    private int[] unsorted;
    private int[] keys;
    private float[] scaleIn;
    private float[] scaleOut;
    /**
     * Where {@code scale} starts, 0 to 7 in turn: the vector loop's loads and stores then fall on
     * every alignment to a cache line in turn. Starting at 0 only, the figure depended on where
     * the fork happened to allocate the arrays (two forks of the same code differed by 14%),
     * and a fork's placement decided the ratio.
     */
    private int scaleFrom;
    private int fibN;
    private int points;

    @Setup
    public void setUp() throws ReflectiveOperationException {
        Entries entries = switch (variant) {
            case plain -> plainEntries();
            case sealed -> sealedEntries(program());
            case accountingOnly -> sealedEntries(GlueStripper.KILL_CHECKS.strip(program()));
            case killChecksOnly -> sealedEntries(GlueStripper.MEMORY_ACCOUNTING.strip(program()));
        };
        sort = entries.find("sort", MethodType.methodType(int.class, int[].class));
        hashMap = entries.find("hashMap", MethodType.methodType(long.class, int[].class));
        scale = entries.find("scale", MethodType.methodType(float.class, float[].class, float[].class, int.class, float.class, float.class));
        fib = entries.find("fib", MethodType.methodType(int.class, int.class));
        allocate = entries.find("allocate", MethodType.methodType(int.class, int.class));

        SplittableRandom random = new SplittableRandom(42);
        unsorted = random.ints(SORT_SIZE).toArray();
        keys = random.ints(MAP_KEYS, 0, MAP_KEYS * 2).toArray();
        scaleIn = new float[SCALE_SIZE];
        for (int i = 0; i < SCALE_SIZE; i++) {
            scaleIn[i] = (float) random.nextDouble();
        }
        scaleOut = new float[SCALE_SIZE];
        fibN = FIB_N;
        points = POINTS;
    }

    @TearDown
    public void tearDown() throws InterruptedException {
        if (sip != null) {
            sip.close();
        }
    }

    @Benchmark
    public int sort(CpuTimePerOperation cpu) throws Throwable {
        cpu.count();
        return (int) sort.invokeExact(unsorted);
    }

    @Benchmark
    public long hashMap(CpuTimePerOperation cpu) throws Throwable {
        cpu.count();
        return (long) hashMap.invokeExact(keys);
    }

    @Benchmark
    public float scale(CpuTimePerOperation cpu) throws Throwable {
        cpu.count();
        scaleFrom = (scaleFrom + 1) & 7;
        return (float) scale.invokeExact(scaleIn, scaleOut, scaleFrom, 1.5f, 0.25f);
    }

    @Benchmark
    public int fib(CpuTimePerOperation cpu) throws Throwable {
        cpu.count();
        return (int) fib.invokeExact(fibN);
    }

    @Benchmark
    public int allocate(CpuTimePerOperation cpu) throws Throwable {
        cpu.count();
        return (int) allocate.invokeExact(points);
    }

    /** The SIP the sealed variants run in, or null for {@code plain}. */
    RunningSip sip() {
        return sip;
    }

    static SealedProgram program() {
        return SealedPrograms.seal("workloads", Workloads.class);
    }

    @FunctionalInterface
    interface Entries {
        MethodHandle find(String name, MethodType type) throws ReflectiveOperationException;
    }

    static Entries plainEntries() {
        MethodHandles.Lookup lookup = MethodHandles.publicLookup();
        return (name, type) -> lookup.findStatic(Workloads.class, name, type);
    }

    private Entries sealedEntries(SealedProgram program) {
        sip = new RunningSip(program);
        return (name, type) -> sip.staticEntry(Workloads.class, name, type);
    }
}
