// orTimeout, completeOnTimeout and delayedExecutor, firing and not: the stages that depend on a
// future completed by a timeout run on the delay scheduler's thread, under SingJ the SIP's own.
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

public class AsyncTimeouts {
    static String where() {
        Thread t = Thread.currentThread();
        String name = t.getName().startsWith("ForkJoinPool.commonPool-worker-") ? "pool" : t.getName();
        return name + (t.isDaemon() ? " daemon" : "");
    }

    public static void main(String[] args) {
        CompletableFuture<String> never = new CompletableFuture<>();
        CompletableFuture<String> dependent = never.thenApply(x -> "not reached");
        CompletableFuture<String> handled = never.handle((v, e) -> e.getClass().getSimpleName() + " on " + where());
        never.orTimeout(50, TimeUnit.MILLISECONDS);
        System.out.println("orTimeout fired: " + handled.join());
        try {
            dependent.join();
        } catch (CompletionException e) {
            System.out.println("dependent failed with " + e.getCause().getClass().getName());
        }

        CompletableFuture<String> inTime = CompletableFuture.supplyAsync(() -> "in time").orTimeout(10, TimeUnit.SECONDS);
        System.out.println("orTimeout not fired: " + inTime.join());

        CompletableFuture<String> late = new CompletableFuture<>();
        CompletableFuture<String> fallback = late.thenApply(x -> x + " on " + where());
        late.completeOnTimeout("fallback", 30, TimeUnit.MILLISECONDS);
        System.out.println("completeOnTimeout fired: " + fallback.join());
        System.out.println("completeOnTimeout not fired: "
                + CompletableFuture.completedFuture("value").completeOnTimeout("fallback", 10, TimeUnit.SECONDS).join());

        long start = System.nanoTime();
        Executor delayed = CompletableFuture.delayedExecutor(40, TimeUnit.MILLISECONDS);
        String delayedRun = CompletableFuture.supplyAsync(AsyncTimeouts::where, delayed).join();
        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.println("delayedExecutor ran on " + delayedRun + ", after at least 40 ms: " + (waited >= 40));

        Executor direct = CompletableFuture.delayedExecutor(20, TimeUnit.MILLISECONDS, Runnable::run);
        CompletableFuture<String> directRun = new CompletableFuture<>();
        direct.execute(() -> directRun.complete(where()));
        System.out.println("delayedExecutor over a direct executor ran on " + directRun.join());

        CompletableFuture<Integer> chain = CompletableFuture.supplyAsync(() -> 1, delayed)
                .thenApplyAsync(x -> x + 1, CompletableFuture.delayedExecutor(10, TimeUnit.MILLISECONDS))
                .orTimeout(10, TimeUnit.SECONDS);
        System.out.println("delayed chain " + chain.join());
    }
}
