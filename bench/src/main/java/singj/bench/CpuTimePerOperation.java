package singj.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A second figure beside JMH's wall-clock time: the benchmark thread's CPU time per operation
 * ({@code cpuNanos} over {@code operations} in JMH's table). On a shared machine the wall clock also counts the time
 * the thread waited for a core while other processes ran, which drifts by a factor of two within
 * minutes; CPU time leaves that out, so that two variants measured a minute apart compare.
 * (Cache and frequency effects of the neighbours remain.)
 *
 * <p>A benchmark method takes this state and calls {@link #count} once per operation.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuTimePerOperation {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private long operations;
    private long startNanos;

    @Setup(Level.Iteration)
    public void start() {
        operations = 0;
        startNanos = THREADS.getCurrentThreadCpuTime();
    }

    /** One more operation done. */
    void count() {
        operations++;
    }

    /**
     * The operations of the iteration so far. JMH reads this and {@link #cpuNanos} when the iteration
     * ends, and adds up each over the iterations, so that their quotient is the CPU time per operation.
     */
    public long operations() {
        return operations;
    }

    /** The CPU time the benchmark thread used since the iteration began. */
    public long cpuNanos() {
        return THREADS.getCurrentThreadCpuTime() - startNanos;
    }

    /** The CPU time per operation of the iteration so far (for the tests; JMH adds each figure up separately). */
    double cpuNanosPerOp() {
        return operations == 0 ? Double.NaN : cpuNanos() / (double) operations;
    }
}
