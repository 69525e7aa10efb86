// Once refused: supplyAsync without an executor runs on the SIP's own pool instead of the JVM-wide one.
import java.util.concurrent.CompletableFuture;

public class SupplyAsyncOnCommonPool {
    public static void main(String[] args) {
        System.out.println(CompletableFuture.supplyAsync(() -> 42).join());
    }
}
