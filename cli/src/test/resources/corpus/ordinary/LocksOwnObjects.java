import java.util.ArrayList;
import java.util.List;

/**
 * Locks, waits on, notifies and hashes objects of its own: this, its own arrays, its own class's
 * instances (the installer proves these private and leaves no run-time check), and an Object-typed
 * lock (checked at run time). It must behave exactly as under java.
 */
public class LocksOwnObjects {
    private int count;
    private final long[] totals = new long[4];
    private final Object lock = new Object();

    synchronized void bumpMethod() {
        count++;
    }

    void bump(int by) {
        synchronized (this) {
            count += by;
            notifyAll();
        }
        synchronized (totals) {
            totals[by % totals.length] += by;
            totals.notify();
        }
        synchronized (lock) {
            lock.notifyAll();
        }
    }

    int waitBriefly() throws InterruptedException {
        synchronized (this) {
            wait(1);
        }
        int[] own = new int[3];
        synchronized (own) {
            own.wait(1);
        }
        return own.length;
    }

    public static void main(String[] args) throws Exception {
        LocksOwnObjects counter = new LocksOwnObjects();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            int by = t + 1;
            Thread thread = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    counter.bump(by);
                    counter.bumpMethod();
                }
            });
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.println("count " + counter.count);
        long sum = 0;
        for (long total : counter.totals) {
            sum += total;
        }
        System.out.println("totals " + sum);
        System.out.println("waited " + counter.waitBriefly());
        LocksOwnObjects other = args.length > 0 ? new LocksOwnObjects() : counter;
        System.out.println("own hash stable " + (System.identityHashCode(other) == System.identityHashCode(counter)));
    }
}
