// expect [common-pool] java.util.concurrent.CompletableFuture.thenApplyAsync
// A later stage without an executor runs on the JVM-wide common pool just as supplyAsync does.
import java.util.concurrent.CompletableFuture;

public class AsyncStageOnCommonPool {
    public static void main(String[] args) {
        System.out.println(CompletableFuture.completedFuture(41).thenApplyAsync(x -> x + 1).join());
    }
}
