package singj.abi.runtime;

import java.util.Collection;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What sealed code calls in place of the JDK members that would run its work on the JVM-wide
 * {@code ForkJoinPool.commonPool()} or on the JDK's delay-scheduler thread: the same work on the
 * SIP's own pool and timer ({@link SipContext#commonPool()}, {@link SipContext#schedule}), whose
 * threads are the SIP's, are charged to it and die with it.
 *
 * <p>{@code CompletableFuture}: every stage made without an executor takes its future's default
 * executor, and a future's default executor is the common pool whoever made the future (the
 * program, a static factory, {@code SubmissionPublisher.consume}, a {@code minimalCompletionStage}).
 * So the redirect is made where a stage is asked for: each {@code *Async} call without an executor
 * becomes the same call with the SIP's pool. The delays ({@code orTimeout},
 * {@code completeOnTimeout}, {@code delayedExecutor}) complete futures, and so run the stages that
 * depend on them, on the SIP's timer thread instead of the JDK's shared one.
 *
 * <p>{@code ForkJoinTask}: a task forked or invoked by a thread that is no worker of a pool goes
 * to the common pool; here it goes to the SIP's. Its waits wake up on kill.
 */
public final class AsyncCalls {
    private AsyncCalls() {}

    /**
     * The executor a {@code *Async} stage without one runs on: the future's default executor, or
     * the SIP's pool where that is the JVM-wide one (always, but for a program's subclass that
     * chose another).
     */
    private static Executor executor(CompletableFuture<?> future, SipContext context) {
        Executor chosen = future.defaultExecutor();
        return chosen == ForkJoinPool.commonPool() ? context.commonPool() : chosen;
    }

    // ---- CompletableFuture's static factories and delays ---------------------------------

    @StaticOf(CompletableFuture.class)
    public static <U> CompletableFuture<U> supplyAsync(Supplier<U> supplier, SipContext context) {
        return CompletableFuture.supplyAsync(supplier, context.commonPool());
    }

    @StaticOf(CompletableFuture.class)
    public static CompletableFuture<Void> runAsync(Runnable runnable, SipContext context) {
        return CompletableFuture.runAsync(runnable, context.commonPool());
    }

    @StaticOf(CompletableFuture.class)
    public static Executor delayedExecutor(long delay, TimeUnit unit, SipContext context) {
        return delayedExecutor(delay, unit, context.commonPool(), context);
    }

    /** Hands each task to {@code executor} after the delay, from the SIP's timer thread. */
    @StaticOf(CompletableFuture.class)
    public static Executor delayedExecutor(long delay, TimeUnit unit, Executor executor, SipContext context) {
        long nanos = unit.toNanos(delay);
        Objects.requireNonNull(executor);
        return task -> context.schedule(() -> executor.execute(task), nanos, TimeUnit.NANOSECONDS);
    }

    public static <T> CompletableFuture<T> orTimeout(CompletableFuture<T> future, long timeout, TimeUnit unit,
                                                     SipContext context) {
        long nanos = unit.toNanos(timeout);
        arrangeTimeout(future, nanos, () -> future.completeExceptionally(new TimeoutException()), context);
        return future;
    }

    public static <T> CompletableFuture<T> completeOnTimeout(CompletableFuture<T> future, T value, long timeout,
                                                             TimeUnit unit, SipContext context) {
        long nanos = unit.toNanos(timeout);
        arrangeTimeout(future, nanos, () -> future.complete(value), context);
        return future;
    }

    /** As the JDK does it, on the SIP's timer: the timeout is cancelled once the future completes. */
    private static void arrangeTimeout(CompletableFuture<?> future, long nanos, Runnable onTimeout,
                                       SipContext context) {
        if (future.isDone()) {
            return;
        }
        ScheduledFuture<?> timeout = context.schedule(() -> {
            if (!future.isDone()) {
                onTimeout.run();
            }
        }, nanos, TimeUnit.NANOSECONDS);
        future.whenComplete((result, failure) -> timeout.cancel(false));
    }

    public static Executor defaultExecutor(CompletableFuture<?> future, SipContext context) {
        return executor(future, context);
    }

    public static <T> CompletableFuture<T> completeAsync(CompletableFuture<T> future, Supplier<? extends T> supplier,
                                                         SipContext context) {
        return future.completeAsync(supplier, executor(future, context));
    }

    // ---- the stages of a CompletableFuture ---------------------------------------------

    public static <T, U> CompletableFuture<U> thenApplyAsync(CompletableFuture<T> future,
            Function<? super T, ? extends U> fn, SipContext context) {
        return future.thenApplyAsync(fn, executor(future, context));
    }

    public static <T> CompletableFuture<Void> thenAcceptAsync(CompletableFuture<T> future,
            Consumer<? super T> action, SipContext context) {
        return future.thenAcceptAsync(action, executor(future, context));
    }

    public static <T> CompletableFuture<Void> thenRunAsync(CompletableFuture<T> future, Runnable action,
            SipContext context) {
        return future.thenRunAsync(action, executor(future, context));
    }

    public static <T, U, V> CompletableFuture<V> thenCombineAsync(CompletableFuture<T> future,
            CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn, SipContext context) {
        return future.thenCombineAsync(other, fn, executor(future, context));
    }

    public static <T, U> CompletableFuture<Void> thenAcceptBothAsync(CompletableFuture<T> future,
            CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> action, SipContext context) {
        return future.thenAcceptBothAsync(other, action, executor(future, context));
    }

    public static <T> CompletableFuture<Void> runAfterBothAsync(CompletableFuture<T> future, CompletionStage<?> other,
            Runnable action, SipContext context) {
        return future.runAfterBothAsync(other, action, executor(future, context));
    }

    public static <T, U> CompletableFuture<U> applyToEitherAsync(CompletableFuture<T> future,
            CompletionStage<? extends T> other, Function<? super T, U> fn, SipContext context) {
        return future.applyToEitherAsync(other, fn, executor(future, context));
    }

    public static <T> CompletableFuture<Void> acceptEitherAsync(CompletableFuture<T> future,
            CompletionStage<? extends T> other, Consumer<? super T> action, SipContext context) {
        return future.acceptEitherAsync(other, action, executor(future, context));
    }

    public static <T> CompletableFuture<Void> runAfterEitherAsync(CompletableFuture<T> future, CompletionStage<?> other,
            Runnable action, SipContext context) {
        return future.runAfterEitherAsync(other, action, executor(future, context));
    }

    public static <T, U> CompletableFuture<U> thenComposeAsync(CompletableFuture<T> future,
            Function<? super T, ? extends CompletionStage<U>> fn, SipContext context) {
        return future.thenComposeAsync(fn, executor(future, context));
    }

    public static <T, U> CompletableFuture<U> handleAsync(CompletableFuture<T> future,
            BiFunction<? super T, Throwable, ? extends U> fn, SipContext context) {
        return future.handleAsync(fn, executor(future, context));
    }

    public static <T> CompletableFuture<T> whenCompleteAsync(CompletableFuture<T> future,
            BiConsumer<? super T, ? super Throwable> action, SipContext context) {
        return future.whenCompleteAsync(action, executor(future, context));
    }

    public static <T> CompletableFuture<T> exceptionallyAsync(CompletableFuture<T> future,
            Function<Throwable, ? extends T> fn, SipContext context) {
        return future.exceptionallyAsync(fn, executor(future, context));
    }

    public static <T> CompletableFuture<T> exceptionallyComposeAsync(CompletableFuture<T> future,
            Function<Throwable, ? extends CompletionStage<T>> fn, SipContext context) {
        return future.exceptionallyComposeAsync(fn, executor(future, context));
    }

    // ---- the same stages asked of a CompletionStage: a CompletableFuture's go to the SIP's
    // ---- pool; the program's own CompletionStage classes decide for themselves

    public static <T, U> CompletionStage<U> thenApplyAsync(CompletionStage<T> stage,
            Function<? super T, ? extends U> fn, SipContext context) {
        return stage instanceof CompletableFuture<T> future ? thenApplyAsync(future, fn, context)
                : stage.thenApplyAsync(fn);
    }

    public static <T> CompletionStage<Void> thenAcceptAsync(CompletionStage<T> stage, Consumer<? super T> action,
            SipContext context) {
        return stage instanceof CompletableFuture<T> future ? thenAcceptAsync(future, action, context)
                : stage.thenAcceptAsync(action);
    }

    public static <T> CompletionStage<Void> thenRunAsync(CompletionStage<T> stage, Runnable action,
            SipContext context) {
        return stage instanceof CompletableFuture<T> future ? thenRunAsync(future, action, context)
                : stage.thenRunAsync(action);
    }

    public static <T, U, V> CompletionStage<V> thenCombineAsync(CompletionStage<T> stage,
            CompletionStage<? extends U> other, BiFunction<? super T, ? super U, ? extends V> fn, SipContext context) {
        return stage instanceof CompletableFuture<T> future ? thenCombineAsync(future, other, fn, context)
                : stage.thenCombineAsync(other, fn);
    }

    public static <T, U> CompletionStage<Void> thenAcceptBothAsync(CompletionStage<T> stage,
            CompletionStage<? extends U> other, BiConsumer<? super T, ? super U> action, SipContext context) {
        return stage instanceof CompletableFuture<T> future ? thenAcceptBothAsync(future, other, action, context)
                : stage.thenAcceptBothAsync(other, action);
    }

    public static <T> CompletionStage<Void> runAfterBothAsync(CompletionStage<T> stage, CompletionStage<?> other,
            Runnable action, SipContext context) {
        return stage instanceof CompletableFuture<T> future ? runAfterBothAsync(future, other, action, context)
                : stage.runAfterBothAsync(other, action);
    }

    public static <T, U> CompletionStage<U> applyToEitherAsync(CompletionStage<T> stage,
            CompletionStage<? extends T> other, Function<? super T, U> fn, SipContext context) {
        return stage instanceof CompletableFuture<T> future ? applyToEitherAsync(future, other, fn, context)
                : stage.applyToEitherAsync(other, fn);
    }

    public static <T> CompletionStage<Void> acceptEitherAsync(CompletionStage<T> stage,
            CompletionStage<? extends T> other, Consumer<? super T> action, SipContext context) {
        return stage instanceof CompletableFuture<T> future ? acceptEitherAsync(future, other, action, context)
                : stage.acceptEitherAsync(other, action);
    }

    public static <T> CompletionStage<Void> runAfterEitherAsync(CompletionStage<T> stage, CompletionStage<?> other,
            Runnable action, SipContext context) {
        return stage instanceof CompletableFuture<T> future ? runAfterEitherAsync(future, other, action, context)
                : stage.runAfterEitherAsync(other, action);
    }

    public static <T, U> CompletionStage<U> thenComposeAsync(CompletionStage<T> stage,
            Function<? super T, ? extends CompletionStage<U>> fn, SipContext context) {
        return stage instanceof CompletableFuture<T> future ? thenComposeAsync(future, fn, context)
                : stage.thenComposeAsync(fn);
    }

    public static <T, U> CompletionStage<U> handleAsync(CompletionStage<T> stage,
            BiFunction<? super T, Throwable, ? extends U> fn, SipContext context) {
        return stage instanceof CompletableFuture<T> future ? handleAsync(future, fn, context) : stage.handleAsync(fn);
    }

    public static <T> CompletionStage<T> whenCompleteAsync(CompletionStage<T> stage,
            BiConsumer<? super T, ? super Throwable> action, SipContext context) {
        return stage instanceof CompletableFuture<T> future ? whenCompleteAsync(future, action, context)
                : stage.whenCompleteAsync(action);
    }

    public static <T> CompletionStage<T> exceptionallyAsync(CompletionStage<T> stage,
            Function<Throwable, ? extends T> fn, SipContext context) {
        return stage instanceof CompletableFuture<T> future ? exceptionallyAsync(future, fn, context)
                : stage.exceptionallyAsync(fn);
    }

    public static <T> CompletionStage<T> exceptionallyComposeAsync(CompletionStage<T> stage,
            Function<Throwable, ? extends CompletionStage<T>> fn, SipContext context) {
        return stage instanceof CompletableFuture<T> future ? exceptionallyComposeAsync(future, fn, context)
                : stage.exceptionallyComposeAsync(fn);
    }

    // ---- the common pool and the JDK's ForkJoinPools -----------------------------------

    @StaticOf(ForkJoinPool.class)
    public static ForkJoinPool commonPool(SipContext context) {
        return context.commonPool();
    }

    @StaticOf(Executors.class)
    public static ExecutorService newWorkStealingPool(SipContext context) {
        return newWorkStealingPool(Runtime.getRuntime().availableProcessors(), context);
    }

    @StaticOf(Executors.class)
    public static ExecutorService newWorkStealingPool(int parallelism, SipContext context) {
        return context.adopt(new ForkJoinPool(parallelism, context.forkJoinWorkerFactory(), null, true));
    }

    // ---- ForkJoinTask: forks and invocations outside a pool go to the SIP's ---------------

    public static <V> ForkJoinTask<V> fork(ForkJoinTask<V> task, SipContext context) {
        if (SipPools.onOwnWorker(context)) {
            return task.fork();
        }
        context.commonPool().execute(task);
        return task;
    }

    public static <V> V invoke(ForkJoinTask<V> task, SipContext context) {
        return SipPools.onOwnWorker(context) ? task.invoke() : SipPools.call(task::invoke, context);
    }

    public static void quietlyInvoke(ForkJoinTask<?> task, SipContext context) {
        if (SipPools.onOwnWorker(context)) {
            task.quietlyInvoke();
        } else {
            SipPools.run(task::quietlyInvoke, context);
        }
    }

    /** {@code join}, which ignores interrupts, wakes up on kill. */
    public static <V> V join(ForkJoinTask<V> task, SipContext context) {
        SipPools.awaitDone(task, context);
        return task.join();
    }

    public static void quietlyJoin(ForkJoinTask<?> task, SipContext context) {
        SipPools.awaitDone(task, context);
    }

    @StaticOf(ForkJoinTask.class)
    public static void invokeAll(ForkJoinTask<?> first, ForkJoinTask<?> second, SipContext context) {
        SipPools.run(() -> ForkJoinTask.invokeAll(first, second), context);
    }

    @StaticOf(ForkJoinTask.class)
    public static void invokeAll(ForkJoinTask<?>[] tasks, SipContext context) {
        SipPools.run(() -> ForkJoinTask.invokeAll(tasks), context);
    }

    @StaticOf(ForkJoinTask.class)
    public static <T extends ForkJoinTask<?>> Collection<T> invokeAll(Collection<T> tasks, SipContext context) {
        return SipPools.call(() -> ForkJoinTask.invokeAll(tasks), context);
    }

    /** Outside a pool the JDK's version runs the JVM-wide pool's tasks, other SIPs' among them, on the caller. */
    @StaticOf(ForkJoinTask.class)
    public static void helpQuiesce(SipContext context) {
        if (SipPools.onOwnWorker(context)) {
            ForkJoinTask.helpQuiesce();
            return;
        }
        while (!context.commonPool().awaitQuiescence(10, TimeUnit.MILLISECONDS)) {
            if (context.stopping()) {
                throw context.killed();
            }
        }
    }

    /**
     * Arguments the installer passes to the constructors of {@code ForkJoinPool} and
     * {@code SubmissionPublisher} in place of the JDK's defaults, which are the common pool and
     * the JDK's worker factory.
     */
    public static final class Constructors {
        private Constructors() {}

        /** What {@code new ForkJoinPool()} takes for its parallelism. */
        public static int defaultParallelism() {
            return Math.min(0x7fff, Runtime.getRuntime().availableProcessors());
        }

        public static ForkJoinPool.ForkJoinWorkerThreadFactory workerFactory(SipContext context) {
            return context.forkJoinWorkerFactory();
        }

        /**
         * The program's own worker factory, whose threads become the SIP's: it may return the
         * JDK's ({@code ForkJoinPool.defaultForkJoinWorkerThreadFactory}), which the kernel does
         * not see otherwise. Null stays null, for the constructor to refuse.
         */
        public static ForkJoinPool.ForkJoinWorkerThreadFactory adopting(
                ForkJoinPool.ForkJoinWorkerThreadFactory factory, SipContext context) {
            if (factory == null) {
                return null;
            }
            return pool -> {
                ForkJoinWorkerThread worker = factory.newThread(pool);
                if (worker != null) {
                    context.adopt(worker);
                }
                return worker;
            };
        }
    }

    /** What the installer calls for a program's {@code super.} call to these JDK methods. */
    public static final class SuperCalls {
        private SuperCalls() {}

        /**
         * {@code super.defaultExecutor()} in a program's subclass of {@code CompletableFuture}:
         * what the JDK's method returns, the common pool, which for a SIP is its own. (Not the
         * redirect of the virtual call, which asks the future, whose override would call this
         * again, for ever.)
         */
        public static Executor defaultExecutor(CompletableFuture<?> future, SipContext context) {
            return context.commonPool();
        }
    }
}
