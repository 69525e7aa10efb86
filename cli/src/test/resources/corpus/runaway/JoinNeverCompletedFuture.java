import java.util.concurrent.CompletableFuture;

/** Runaway: join() on a future nobody completes, catching whatever join throws and joining again. */
public class JoinNeverCompletedFuture {
    public static void main(String[] args) {
        CompletableFuture<String> never = new CompletableFuture<>();
        System.out.println("running");
        while (true) {
            try {
                never.join();
            } catch (Throwable caught) {
                // join again
            }
        }
    }
}
