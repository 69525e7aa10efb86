// CompletableFuture stages without an executor: under SingJ they run on the SIP's own pool,
// whose workers are daemons named as the common pool's are.
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.AtomicInteger;

public class AsyncStages {
    static String where() {
        Thread t = Thread.currentThread();
        return (t.getName().startsWith("ForkJoinPool.commonPool-worker-") ? "pool" : t.getName()) + (t.isDaemon() ? " daemon" : "");
    }

    public static void main(String[] args) throws Exception {
        CompletableFuture<Integer> base = CompletableFuture.supplyAsync(() -> 20);
        System.out.println("supplyAsync on " + CompletableFuture.supplyAsync(AsyncStages::where).join());
        CompletableFuture<Void> ran = CompletableFuture.runAsync(() -> System.out.println("runAsync on " + where()));
        ran.join();
        System.out.println("thenApplyAsync " + base.thenApplyAsync(x -> x + 1).join());
        AtomicInteger seen = new AtomicInteger();
        base.thenAcceptAsync(seen::set).join();
        System.out.println("thenAcceptAsync " + seen.get());
        base.thenRunAsync(() -> seen.incrementAndGet()).join();
        System.out.println("thenRunAsync " + seen.get());
        CompletableFuture<Integer> other = CompletableFuture.supplyAsync(() -> 22);
        System.out.println("thenCombineAsync " + base.thenCombineAsync(other, Integer::sum).join());
        base.thenAcceptBothAsync(other, (a, b) -> seen.set(a * b)).join();
        System.out.println("thenAcceptBothAsync " + seen.get());
        base.runAfterBothAsync(other, () -> seen.set(-1)).join();
        System.out.println("runAfterBothAsync " + seen.get());
        CompletableFuture<Integer> never = new CompletableFuture<>();
        System.out.println("applyToEitherAsync " + never.applyToEitherAsync(base, x -> x * 3).join());
        never.acceptEitherAsync(base, seen::set).join();
        System.out.println("acceptEitherAsync " + seen.get());
        never.runAfterEitherAsync(base, () -> seen.set(7)).join();
        System.out.println("runAfterEitherAsync " + seen.get());
        System.out.println("thenComposeAsync " + base.thenComposeAsync(x -> CompletableFuture.supplyAsync(() -> x * 2)).join());
        CompletableFuture<Integer> failed = CompletableFuture.supplyAsync(() -> {
            throw new IllegalStateException("boom");
        });
        System.out.println("handleAsync " + failed.handleAsync((v, e) -> e.getCause().getMessage()).join());
        System.out.println("whenCompleteAsync " + base.whenCompleteAsync((v, e) -> seen.set(v)).join() + " " + seen.get());
        System.out.println("exceptionallyAsync " + failed.exceptionallyAsync(e -> -2).join());
        System.out.println("exceptionallyComposeAsync "
                + failed.exceptionallyComposeAsync(e -> CompletableFuture.supplyAsync(() -> -3)).join());
        System.out.println("completeAsync " + new CompletableFuture<String>().completeAsync(AsyncStages::where).join());
        try {
            failed.join();
        } catch (CompletionException e) {
            System.out.println("join threw " + e.getCause());
        }

        // the same stages asked of a CompletionStage, and of a minimal stage
        CompletionStage<Integer> stage = base;
        System.out.println("stage thenApplyAsync " + stage.thenApplyAsync(AsyncStages::describe).toCompletableFuture().join());
        CompletionStage<Integer> minimal = base.minimalCompletionStage();
        System.out.println("minimal thenApplyAsync " + minimal.thenApplyAsync(AsyncStages::describe).toCompletableFuture().join());

        // the default executor and the common pool are the SIP's, and run tasks the same way
        Executor executor = base.defaultExecutor();
        CompletableFuture<String> fromExecutor = new CompletableFuture<>();
        executor.execute(() -> fromExecutor.complete(where()));
        System.out.println("defaultExecutor runs on " + fromExecutor.join());
        System.out.println("is the common pool " + (executor == ForkJoinPool.commonPool()));
        System.out.println("commonPool submit on " + ForkJoinPool.commonPool().submit(AsyncStages::where).get());
        ForkJoinPool.commonPool().shutdown(); // no effect on the common pool
        System.out.println("after shutdown " + CompletableFuture.supplyAsync(() -> "still serves").join());

        List<CompletableFuture<Integer>> many = List.of(base, other, CompletableFuture.supplyAsync(() -> 3));
        CompletableFuture.allOf(many.toArray(CompletableFuture[]::new)).thenRunAsync(() -> System.out.println("allOf "
                + many.stream().mapToInt(CompletableFuture::join).sum())).join();
        System.out.println("anyOf " + CompletableFuture.anyOf(never, base).thenApplyAsync(x -> "done").join());

        // a subclass that asks its superclass for the default executor
        LoggingFuture<Integer> logging = new LoggingFuture<>();
        System.out.println("subclass " + logging.completeAsync(() -> 5).thenApplyAsync(x -> x * 2).join()
                + " after " + LoggingFuture.calls.get() + " calls of defaultExecutor");
    }

    static final class LoggingFuture<T> extends CompletableFuture<T> {
        static final AtomicInteger calls = new AtomicInteger();

        @Override
        public Executor defaultExecutor() {
            calls.incrementAndGet();
            return super.defaultExecutor();
        }

        @Override
        public <U> CompletableFuture<U> newIncompleteFuture() {
            return new LoggingFuture<>();
        }
    }

    static String describe(int x) {
        return x + " on " + where();
    }
}
