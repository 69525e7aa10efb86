import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * Runaway: asynchronous work that spins, swallowing everything, on every route to the common pool:
 * supplyAsync, an async stage, a forked task, a parallel stream, a parallel sort's comparator, a
 * stage that depends on a timeout; main returns and leaves them all running (the threads it
 * starts for the blocking ones keep the SIP alive, as they would keep a JVM).
 */
public class SpinningAsyncWork {
    static volatile long turns;

    static int spin() {
        while (true) {
            try {
                while (true) {
                    turns++;
                }
            } catch (Throwable caught) {
                turns = 0;
            }
        }
    }

    public static void main(String[] args) {
        CompletableFuture.supplyAsync(SpinningAsyncWork::spin);
        CompletableFuture.completedFuture(1).thenApplyAsync(x -> spin());
        new RecursiveAction() {
            @Override
            protected void compute() {
                spin();
            }
        }.fork();
        // the stage is attached before the timeout is set: attached to a future the timer had
        // already completed, it would run on main instead, and main would never print
        CompletableFuture<String> timesOut = new CompletableFuture<>();
        timesOut.whenComplete((r, e) -> spin());
        timesOut.orTimeout(1, TimeUnit.MILLISECONDS);
        Thread streams = new Thread(() -> IntStream.range(0, 64).parallel().map(i -> spin()).sum());
        streams.start();
        Thread sort = new Thread(() -> {
            Integer[] values = new Integer[100_000];
            Arrays.setAll(values, i -> -i);
            Arrays.parallelSort(values, (a, b) -> spin());
        });
        sort.start();
        System.out.println("running");
    }
}
