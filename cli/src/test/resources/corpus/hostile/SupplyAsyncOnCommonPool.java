// expect [common-pool] java.util.concurrent.CompletableFuture.supplyAsync
import java.util.concurrent.CompletableFuture;

public class SupplyAsyncOnCommonPool {
    public static void main(String[] args) {
        System.out.println(CompletableFuture.supplyAsync(() -> 42).join());
    }
}
