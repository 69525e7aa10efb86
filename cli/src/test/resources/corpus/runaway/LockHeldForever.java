import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/** Runaway: main calls lock() on a lock another thread of the same SIP holds forever. */
public class LockHeldForever {
    public static void main(String[] args) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        CountDownLatch held = new CountDownLatch(1);
        new Thread(() -> {
            lock.lock();
            held.countDown();
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException ignored) {
                    // never let go
                }
            }
        }, "holder").start();
        held.await();
        System.out.println("running");
        while (true) {
            lock.lock();
        }
    }
}
