package singj.bench.workloads.runaway;

import java.util.concurrent.CountDownLatch;

/**
 * Main blocks entering a monitor that another thread of the SIP holds while it spins: the JVM
 * delivers nothing to a thread blocked on a monitor, so main can only end once the spinner has.
 */
public final class MonitorHeldBySpinner {
    private static final Object MONITOR = new Object();
    private static long turns;

    private MonitorHeldBySpinner() {}

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
