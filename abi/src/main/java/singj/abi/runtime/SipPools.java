package singj.abi.runtime;

import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.function.Supplier;

/**
 * Runs JDK work that forks onto "the pool of the current thread" in one of the SIP's own pools.
 * A {@code ForkJoinTask} forked by a worker of a {@code ForkJoinPool} goes to that pool, and one
 * forked by any other thread goes to the JVM-wide common pool; so a parallel stream's terminal
 * operation, {@code Arrays.parallelSort} or a task's {@code invoke} called by a SIP's plain thread
 * runs as a task of the SIP's own pool ({@link SipContext#commonPool()}), where every subtask it
 * forks stays, while the caller waits for it (killably). Called by a worker of one of the SIP's
 * pools, it runs where it is, as under {@code java}.
 */
public final class SipPools {
    private SipPools() {}

    /** Whether the calling thread is a worker of a pool the SIP owns: what it forks stays in that pool. */
    public static boolean onOwnWorker(SipContext context) {
        Thread thread = Thread.currentThread();
        return thread instanceof ForkJoinWorkerThread && context.owns(thread);
    }

    public static <T> T call(Supplier<T> work, SipContext context) {
        if (onOwnWorker(context)) {
            return work.get();
        }
        Call<T> call = new Call<>(work);
        context.commonPool().execute(call);
        awaitDone(call, context);
        if (call.isCancelled()) {
            throw context.killed(); // only the SIP's end cancels what its pool has queued
        }
        return call.outcome();
    }

    public static void run(Runnable work, SipContext context) {
        call(() -> {
            work.run();
            return null;
        }, context);
    }

    /**
     * Waits until {@code task} is done, as {@code join} does, but wakes up when the SIP is killed
     * ({@code join} ignores interrupts); leaves the interrupt flag as it found it.
     */
    public static void awaitDone(ForkJoinTask<?> task, SipContext context) {
        boolean interrupted = false;
        while (!task.isDone()) {
            try {
                task.get(); // on a worker, this helps its pool as join would
            } catch (InterruptedException e) {
                if (context.stopping()) {
                    throw context.killed();
                }
                interrupted = true;
            } catch (ExecutionException | CancellationException done) {
                break; // the caller reports the outcome as the JDK's own method would
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The caller's work as a task of the pool. It keeps what the work threw as it was thrown:
     * a task's {@code join} from another thread would throw a copy made by reflection (a new
     * exception of the same class, caused by the original).
     */
    private static final class Call<T> extends ForkJoinTask<T> {
        private final Supplier<T> work;
        private T result;
        private Throwable failure;

        Call(Supplier<T> work) {
            this.work = work;
        }

        @Override
        protected boolean exec() {
            try {
                result = work.get();
            } catch (Throwable thrown) {
                failure = thrown;
            }
            return true;
        }

        T outcome() {
            if (failure != null) {
                throw SipPools.<RuntimeException>sneaky(failure);
            }
            return result;
        }

        @Override
        public T getRawResult() {
            return result;
        }

        @Override
        protected void setRawResult(T value) {
            result = value;
        }
    }

    /** Rethrows a checked exception the work threw (a parallel stream's lambda may throw one sneakily) unchanged. */
    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable thrown) throws E {
        throw (E) thrown;
    }
}
