import java.util.concurrent.CountDownLatch;

/**
 * Starts args[0] virtual threads that all wait on one latch: each holds its Thread object and the
 * stack chunk the JVM allocates when it parks, none of which a `new` in this program allocates.
 */
public class ManyVirtualThreads {
    public static void main(String[] args) throws InterruptedException {
        int count = Integer.parseInt(args[0]);
        CountDownLatch release = new CountDownLatch(1);
        System.out.println("starting");
        Thread[] threads = new Thread[count];
        for (int i = 0; i < count; i++) {
            threads[i] = Thread.ofVirtual().start(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        System.out.println("held " + count + " threads");
        release.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
    }
}
