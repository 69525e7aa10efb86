import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Runaway: executor tasks that spin, swallowing everything; main returns and leaves the pool running. */
public class SpinningExecutor {
    static volatile long turns;

    public static void main(String[] args) {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 4; i++) {
            pool.submit(() -> {
                while (true) {
                    try {
                        while (true) {
                            turns++;
                        }
                    } catch (Throwable caught) {
                        turns = 0;
                    }
                }
            });
        }
        System.out.println("running");
    }
}
