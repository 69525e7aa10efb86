import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Floods "the common pool" with endless tasks by every route a plain program has to it, and pools
 * of its own (one with the JDK's worker factory): under `java` this starves every other user of
 * the JVM-wide pool; in a SIP it may only starve its own.
 */
public class FloodCommonPool {
    static final int TASKS = 40;
    static volatile long turns;

    static int spin() {
        while (true) {
            turns++;
        }
    }

    static RecursiveAction spinning() {
        return new RecursiveAction() {
            @Override
            protected void compute() {
                spin();
            }
        };
    }

    /** A thread for each route whose call blocks until its (endless) work is done. */
    static void blocking(Runnable route) {
        new Thread(route).start();
    }

    public static void main(String[] args) {
        Executor delayed = CompletableFuture.delayedExecutor(1, TimeUnit.MILLISECONDS);
        CompletableFuture<Integer> done = CompletableFuture.completedFuture(1);
        ForkJoinPool own = new ForkJoinPool();
        ForkJoinPool jdkFactory = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, false);
        var stealing = Executors.newWorkStealingPool();
        SubmissionPublisher<Integer> publisher = new SubmissionPublisher<>();
        publisher.consume(item -> spin());
        for (int i = 0; i < TASKS; i++) {
            CompletableFuture.supplyAsync(FloodCommonPool::spin);
            CompletableFuture.runAsync(FloodCommonPool::spin);
            done.thenApplyAsync(x -> spin());
            done.thenRunAsync(FloodCommonPool::spin);
            CompletableFuture.runAsync(FloodCommonPool::spin, delayed);
            new CompletableFuture<Integer>().orTimeout(1, TimeUnit.MILLISECONDS).handle((x, e) -> spin());
            new CompletableFuture<Integer>().completeOnTimeout(0, 1, TimeUnit.MILLISECONDS).thenApply(x -> spin());
            ForkJoinPool.commonPool().execute(FloodCommonPool::spin);
            spinning().fork();
            own.execute(FloodCommonPool::spin);
            jdkFactory.execute(FloodCommonPool::spin);
            stealing.execute(FloodCommonPool::spin);
            publisher.submit(i);
        }
        blocking(() -> IntStream.range(0, TASKS).parallel().map(x -> spin()).sum());
        blocking(() -> List.of(1, 2, 3, 4, 5, 6, 7, 8).parallelStream().forEach(x -> spin()));
        blocking(() -> Arrays.parallelSort(new Integer[100_000], (a, b) -> spin()));
        blocking(() -> Arrays.parallelSetAll(new int[100_000], x -> spin()));
        blocking(() -> ForkJoinTask.invokeAll(spinning(), spinning()));
        blocking(() -> spinning().invoke());
        blocking(() -> {
            ConcurrentHashMap<Integer, Integer> map = new ConcurrentHashMap<>();
            for (int i = 0; i < 10_000; i++) {
                map.put(i, i);
            }
            map.forEach(1, (k, v) -> spin());
        });
        System.out.println("running");
    }
}
