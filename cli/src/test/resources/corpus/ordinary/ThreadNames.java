import java.util.*;
import java.util.concurrent.*;

/** The names the JDK gives threads nobody named: Thread-N and pool-N-thread-M, counted per program run. */
public class ThreadNames {
    public static void main(String[] args) throws Exception {
        List<String> names = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 3; i++) {
            Thread t = new Thread(() -> names.add(Thread.currentThread().getName()));
            t.start();
            t.join();
        }
        Thread subclass = new Thread() {
            @Override public void run() { names.add("subclass " + getName()); }
        };
        subclass.start();
        subclass.join();
        Thread built = Thread.ofPlatform().start(() -> names.add("builder " + Thread.currentThread().getName()));
        built.join();
        Thread named = new Thread(() -> { }, "explicit");
        names.add(named.getName());
        for (String n : names) System.out.println(n);

        ExecutorService first = Executors.newFixedThreadPool(2);
        CountDownLatch both = new CountDownLatch(2);
        List<Future<String>> futures = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            futures.add(first.submit(() -> {
                both.countDown();
                both.await();
                return Thread.currentThread().getName();
            }));
        }
        Set<String> poolNames = new TreeSet<>();
        for (Future<String> f : futures) poolNames.add(f.get());
        System.out.println("fixed pool threads: " + poolNames);
        ExecutorService second = Executors.newSingleThreadExecutor();
        System.out.println("single executor thread: " + second.submit(() -> Thread.currentThread().getName()).get());
        ThreadFactory factory = Executors.defaultThreadFactory();
        System.out.println("default factory thread: " + factory.newThread(() -> { }).getName());
        first.shutdown();
        second.shutdown();
        System.out.println("terminated " + first.awaitTermination(10, TimeUnit.SECONDS) + " " + second.awaitTermination(10, TimeUnit.SECONDS));
        Thread virtual = Thread.ofVirtual().start(() -> names.add("virtual '" + Thread.currentThread().getName() + "'"));
        virtual.join();
        System.out.println(names.get(names.size() - 1) + " isVirtual=" + virtual.isVirtual());
        Thread namedVirtual = Thread.ofVirtual().name("v-", 0).unstarted(() -> { });
        System.out.println("named virtual " + namedVirtual.getName());
    }
}
