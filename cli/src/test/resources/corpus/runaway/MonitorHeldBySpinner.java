import java.util.concurrent.CountDownLatch;

/** Runaway: main blocks entering a monitor that a spinning thread of the same SIP never leaves. */
public class MonitorHeldBySpinner {
    static final Object MONITOR = new Object();
    static long turns;

    public static void main(String[] args) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        new Thread(() -> {
            synchronized (MONITOR) {
                held.countDown();
                while (true) {
                    turns++;
                }
            }
        }, "spinner").start();
        held.await();
        System.out.println("running");
        while (true) {
            synchronized (MONITOR) {
                turns--;
            }
        }
    }
}
