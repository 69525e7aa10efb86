package singj.kernel.proc;

import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One SIP's own versions of what the JDK shares between every caller: the common pool (on which
 * {@code CompletableFuture}, parallel streams and forked tasks run) and the delay scheduler
 * ({@code orTimeout}, {@code delayedExecutor}). The installer redirects the SIP's code to these
 * ({@code singj.abi.runtime.AsyncCalls}). Both are made on first use, their threads are adopted
 * by the SIP like any it creates, and they stop with it: the SIP's thread list holds them as
 * executors, which its end shuts down.
 */
final class SipAsync {
    /** Workers a pool may add beyond its parallelism while others block: the JDK's default for its common pool. */
    private static final int MAX_SPARES = 256;

    /** The SIP, as far as its pools need it. */
    interface Owner {
        void adopt(Thread thread);

        <E extends ExecutorService> E adopt(E executor);

        boolean stopping();
    }

    private final Owner owner;
    private final AtomicInteger poolNumbers = new AtomicInteger();
    private final Object creation = new Object();
    private volatile ForkJoinPool commonPool;
    private volatile ScheduledThreadPoolExecutor timer;

    SipAsync(Owner owner) {
        this.owner = owner;
    }

    ForkJoinPool commonPool() {
        ForkJoinPool pool = commonPool;
        if (pool == null) {
            synchronized (creation) {
                pool = commonPool;
                if (pool == null) {
                    pool = owner.adopt(new CommonPool(workers("ForkJoinPool.commonPool-worker-")));
                    commonPool = pool;
                }
            }
        }
        return pool;
    }

    /** The workers of a pool the SIP creates, named as the JDK names them, the pools counted per SIP. */
    ForkJoinPool.ForkJoinWorkerThreadFactory workerFactory() {
        return workers("ForkJoinPool-" + poolNumbers.incrementAndGet() + "-worker-");
    }

    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return timer().schedule(task, delay, unit);
    }

    private ScheduledThreadPoolExecutor timer() {
        ScheduledThreadPoolExecutor scheduler = timer;
        if (scheduler == null) {
            synchronized (creation) {
                scheduler = timer;
                if (scheduler == null) {
                    scheduler = new ScheduledThreadPoolExecutor(1, task -> {
                        Thread thread = new Thread(task, "ForkJoinPool.commonPool-delayScheduler");
                        owner.adopt(thread);
                        thread.setDaemon(true); // after adopt, which makes threads main creates non-daemon
                        return thread;
                    });
                    scheduler.setRemoveOnCancelPolicy(true); // a future that completes in time leaves nothing queued
                    timer = owner.adopt(scheduler);
                }
            }
        }
        return scheduler;
    }

    private ForkJoinPool.ForkJoinWorkerThreadFactory workers(String namePrefix) {
        AtomicInteger numbers = new AtomicInteger();
        return pool -> {
            if (owner.stopping()) {
                return null; // the pool counts a worker it could not have as none
            }
            Worker worker = new Worker(pool);
            worker.setName(namePrefix + numbers.incrementAndGet());
            owner.adopt(worker);
            return worker;
        };
    }

    /** A worker of one of the SIP's pools: a daemon, as every ForkJoinPool worker is. */
    private static final class Worker extends ForkJoinWorkerThread {
        Worker(ForkJoinPool pool) {
            super(null, pool, true);
        }
    }

    /**
     * The stand-in for {@code ForkJoinPool.commonPool()}: as under {@code java}, shutting it down
     * does nothing and waiting for its termination waits for quiescence, until the SIP ends.
     */
    private final class CommonPool extends ForkJoinPool {
        CommonPool(ForkJoinWorkerThreadFactory workers) {
            super(parallelism(), workers, null, false, 0, parallelism() + MAX_SPARES, 1, null, 60, TimeUnit.SECONDS);
        }

        /** The JDK's common pool's, which is at least 2 where CompletableFuture uses it. */
        private static int parallelism() {
            int common = ForkJoinPool.getCommonPoolParallelism();
            return common > 0 ? common : 2;
        }

        @Override
        public void shutdown() {
            if (owner.stopping()) {
                super.shutdown();
            }
        }

        @Override
        public List<Runnable> shutdownNow() {
            return owner.stopping() ? super.shutdownNow() : List.of();
        }

        @Override
        public void close() {
            if (owner.stopping()) {
                super.shutdownNow();
            }
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
            if (owner.stopping()) {
                return super.awaitTermination(timeout, unit);
            }
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
            awaitQuiescence(timeout, unit);
            return false;
        }
    }
}
