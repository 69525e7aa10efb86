import java.util.*;
import java.util.concurrent.*;
import java.util.stream.*;

/** Fixed pools, futures, invokeAll/invokeAny, CompletableFuture pipelines on an explicit executor, scheduled executors. */
public class ExecutorsDemo {
    static long fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(3);
        List<Future<Long>> futures = new ArrayList<>();
        for (int n = 20; n <= 28; n += 2) {
            final int k = n;
            futures.add(pool.submit(() -> fib(k)));
        }
        for (int i = 0; i < futures.size(); i++) {
            System.out.println("fib(" + (20 + 2 * i) + ") = " + futures.get(i).get());
        }
        List<Callable<String>> tasks = IntStream.range(0, 6).<Callable<String>>mapToObj(i -> () -> "task" + i + ":" + i * i).toList();
        for (Future<String> f : pool.invokeAll(tasks)) {
            System.out.println("invokeAll " + f.get() + " done=" + f.isDone());
        }
        String any = pool.invokeAny(List.of(() -> "same", () -> "same"));
        System.out.println("invokeAny " + any);

        Future<?> failing = pool.submit(() -> { throw new IllegalStateException("task failed"); });
        try {
            failing.get();
        } catch (ExecutionException e) {
            System.out.println("execution exception cause: " + e.getCause());
        }

        CompletableFuture<Integer> price = CompletableFuture.supplyAsync(() -> 40, pool);
        CompletableFuture<Integer> tax = CompletableFuture.supplyAsync(() -> 2, pool);
        CompletableFuture<String> total = price.thenCombine(tax, Integer::sum).thenApply(t -> "total=" + t);
        System.out.println(total.get(10, TimeUnit.SECONDS));
        CompletableFuture<String> chained = CompletableFuture.supplyAsync(() -> "a", pool)
                .thenApplyAsync(s -> s + "b", pool)
                .thenCompose(s -> CompletableFuture.supplyAsync(() -> s + "c", pool))
                .thenApply(String::toUpperCase);
        System.out.println("chained " + chained.join());
        CompletableFuture<String> recovered = CompletableFuture.<String>supplyAsync(() -> { throw new ArithmeticException("boom"); }, pool)
                .exceptionally(t -> "recovered from " + t.getCause().getMessage());
        System.out.println(recovered.join());
        CompletableFuture<String> handled = CompletableFuture.supplyAsync(() -> 10 / (args.length), pool)
                .handle((v, t) -> t == null ? "value " + v : "handled " + t.getClass().getSimpleName());
        System.out.println(handled.get());
        try {
            CompletableFuture.supplyAsync(() -> { throw new IllegalArgumentException("joined"); }, pool).join();
        } catch (CompletionException e) {
            System.out.println("join threw " + e.getCause());
        }
        List<CompletableFuture<Integer>> many = IntStream.rangeClosed(1, 8)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> i * 11, pool)).toList();
        CompletableFuture.allOf(many.toArray(CompletableFuture[]::new)).join();
        System.out.println("allOf " + many.stream().map(CompletableFuture::join).toList());
        CompletableFuture<Void> run = CompletableFuture.runAsync(() -> { }, pool).thenRun(() -> { });
        run.get();
        System.out.println("runAsync done " + run.isDone() + " completedFuture " + CompletableFuture.completedFuture("now").get());

        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        ScheduledFuture<String> later = scheduler.schedule(() -> "scheduled result", 20, TimeUnit.MILLISECONDS);
        System.out.println(later.get());
        CountDownLatch ticks = new CountDownLatch(3);
        ScheduledFuture<?> repeating = scheduler.scheduleAtFixedRate(ticks::countDown, 0, 5, TimeUnit.MILLISECONDS);
        System.out.println("three ticks " + ticks.await(10, TimeUnit.SECONDS));
        repeating.cancel(false);
        System.out.println("cancelled " + repeating.isCancelled());

        ExecutorService cached = Executors.newCachedThreadPool();
        ExecutorCompletionService<Integer> completion = new ExecutorCompletionService<>(cached);
        for (int i = 1; i <= 4; i++) {
            final int k = i;
            completion.submit(() -> k * k);
        }
        int sum = 0;
        for (int i = 0; i < 4; i++) sum += completion.take().get();
        System.out.println("completion service sum " + sum);

        pool.shutdown();
        scheduler.shutdown();
        cached.shutdown();
        System.out.println("pool terminated " + pool.awaitTermination(10, TimeUnit.SECONDS) + " shutdown=" + pool.isShutdown());
        try {
            pool.submit(() -> 1);
        } catch (RejectedExecutionException e) {
            System.out.println("rejected after shutdown");
        }
        try (ExecutorService auto = Executors.newFixedThreadPool(2)) {
            Future<String> f = auto.submit(() -> "auto-closed executor");
            System.out.println(f.get());
        }
    }
}
