package singj.bench.workloads.runaway;

import java.util.concurrent.CountDownLatch;

/** 50 threads that spin, and a main thread that joins them while swallowing interrupts: the kill must reach all 51. */
public final class ManySpinningThreads {
    private static final int THREADS = 50;
    private static volatile long turns;

    private ManySpinningThreads() {}

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch spinning = new CountDownLatch(THREADS);
        Thread[] threads = new Thread[THREADS];
        for (int i = 0; i < THREADS; i++) {
            threads[i] = new Thread(() -> {
                spinning.countDown();
                while (true) {
                    turns++;
                }
            }, "spinner-" + i);
            threads[i].start();
        }
        spinning.await();
        System.out.println("running");
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException ignored) {
                    // join again
                }
            }
        }
    }
}
