// expect [common-pool] java.util.concurrent.ForkJoinPool.schedule
// expect [common-pool] java.util.concurrent.ForkJoinPool.submitWithTimeout
// A ForkJoinPool's delayed tasks wait on a delay-scheduler thread the JDK starts for the pool,
// which the kernel does not see, and submitWithTimeout runs its timeout action there.
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;

public class ForkJoinPoolDelayedTask {
    public static void main(String[] args) throws Exception {
        ForkJoinPool pool = ForkJoinPool.commonPool();
        pool.schedule(() -> System.out.println("later"), 10, TimeUnit.MILLISECONDS);
        pool.submitWithTimeout(() -> "late", 1, TimeUnit.MILLISECONDS, task -> {
            while (true) {
                Thread.onSpinWait();
            }
        });
    }
}
