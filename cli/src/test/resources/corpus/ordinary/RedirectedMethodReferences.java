import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/** Method references to JDK methods that SingJ redirects to the SIP's own versions. */
public class RedirectedMethodReferences {
    public static void main(String[] args) throws Exception {
        List<Throwable> problems = List.of(new IllegalStateException("first"), new RuntimeException("second"));
        problems.forEach(Throwable::printStackTrace); // to the SIP's standard error

        Lock lock = new ReentrantLock();
        Consumer<Lock> take = Lock::lock;
        take.accept(lock);
        System.out.println("locked: " + ((ReentrantLock) lock).isHeldByCurrentThread());
        lock.unlock();

        IntFunction<ExecutorService> pools = Executors::newFixedThreadPool;
        ExecutorService pool = pools.apply(2);
        System.out.println("pool result: " + pool.submit(() -> 6 * 7).get());
        pool.shutdown();
        System.out.println("terminated: " + pool.awaitTermination(5, TimeUnit.SECONDS));

        Object monitor = new Object();
        Consumer<Object> wake = Object::notifyAll;
        synchronized (monitor) {
            wake.accept(monitor);
        }
        System.out.println("notified without complaint");
    }
}
