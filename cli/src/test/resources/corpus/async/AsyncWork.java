import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/** A little asynchronous work of every kind, which must complete beside a SIP that floods its own pool. */
public class AsyncWork {
    public static void main(String[] args) {
        int chained = CompletableFuture.supplyAsync(() -> 20).thenApplyAsync(x -> x + 1)
                .thenCombineAsync(CompletableFuture.supplyAsync(() -> 21), Integer::sum).join();
        System.out.println("chained " + chained);
        System.out.println("parallel sum " + IntStream.rangeClosed(1, 100_000).parallel().asLongStream().sum());
        String timedOut = new CompletableFuture<String>().completeOnTimeout("timed out", 20, TimeUnit.MILLISECONDS).join();
        System.out.println(timedOut);
        String delayed = CompletableFuture.supplyAsync(() -> "delayed",
                CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS)).join();
        System.out.println(delayed);
    }
}
