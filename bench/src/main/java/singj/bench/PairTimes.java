package singj.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The two CPU times of {@link PairedTax}: how long the benchmark thread ran the original runs and
 * the instrumented runs of an iteration. JMH adds each up over the iterations
 * ({@code originalCpuNanos} and {@code instrumentedCpuNanos} in its table); their quotient is the
 * tax. A thread's CPU clock leaves out the time it waited for a core.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class PairTimes {
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** One timed run of a workload; returns what it computed, so that none of it is dead code. */
    @FunctionalInterface
    interface Run {
        long run() throws Throwable;
    }

    private long originalNanos;
    private long instrumentedNanos;

    @Setup(Level.Iteration)
    public void reset() {
        originalNanos = 0;
        instrumentedNanos = 0;
    }

    public long originalCpuNanos() {
        return originalNanos;
    }

    public long instrumentedCpuNanos() {
        return instrumentedNanos;
    }

    long original(Run run) throws Throwable {
        long start = THREADS.getCurrentThreadCpuTime();
        long result = run.run();
        originalNanos += THREADS.getCurrentThreadCpuTime() - start;
        return result;
    }

    long instrumented(Run run) throws Throwable {
        long start = THREADS.getCurrentThreadCpuTime();
        long result = run.run();
        instrumentedNanos += THREADS.getCurrentThreadCpuTime() - start;
        return result;
    }
}
