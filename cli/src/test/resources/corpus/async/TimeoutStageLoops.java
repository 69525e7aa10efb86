import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A stage that depends on a timed-out future and loops forever: it runs on whichever thread the
 * timeout completes the future on, under `java` the JDK's one delay-scheduler thread.
 */
public class TimeoutStageLoops {
    static volatile long turns;

    public static void main(String[] args) {
        new CompletableFuture<String>().orTimeout(20, TimeUnit.MILLISECONDS).whenComplete((value, failure) -> {
            System.out.println("stage running on " + Thread.currentThread().getName());
            while (true) {
                turns++;
            }
        });
        new CompletableFuture<Void>().join(); // main waits for ever
    }
}
