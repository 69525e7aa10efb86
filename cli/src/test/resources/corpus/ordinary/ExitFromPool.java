import java.util.concurrent.*;

/** System.exit from a pool thread while main waits on the future; the exit code wins over everything. */
public class ExitFromPool {
    public static void main(String[] args) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 10; i++) {
            final int k = i;
            System.out.println("square " + k + " = " + pool.submit(() -> k * k).get());
        }
        Future<?> exit = pool.submit(() -> {
            System.out.println("pool task exits with 7");
            System.out.flush();
            System.exit(7);
        });
        exit.get();
        System.out.println("main must never get here");
    }
}
