// A later stage without an executor ran on the JVM-wide common pool; it runs on the SIP's own pool.
import java.util.concurrent.CompletableFuture;

public class AsyncStageOnCommonPool {
    public static void main(String[] args) {
        System.out.println(CompletableFuture.completedFuture(41).thenApplyAsync(x -> x + 1).join());
    }
}
