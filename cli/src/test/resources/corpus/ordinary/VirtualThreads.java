import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.stream.*;

/** Virtual threads: per-task executor, Thread.ofVirtual, many sleeping threads, blocking queues. */
public class VirtualThreads {
    public static void main(String[] args) throws Exception {
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Integer>> futures = new ArrayList<>();
            for (int i = 0; i < 1000; i++) {
                final int k = i;
                futures.add(executor.submit(() -> {
                    Thread.sleep(5);
                    return k * 2;
                }));
            }
            long sum = 0;
            for (Future<Integer> f : futures) sum += f.get();
            System.out.println("1000 sleeping virtual tasks, sum " + sum);
            Future<Boolean> isVirtual = executor.submit(() -> Thread.currentThread().isVirtual());
            System.out.println("task on virtual thread: " + isVirtual.get());
        }
        AtomicInteger counter = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            threads.add(Thread.ofVirtual().name("v" + i).start(() -> {
                for (int j = 0; j < 100; j++) counter.incrementAndGet();
            }));
        }
        for (Thread t : threads) t.join();
        System.out.println("counter " + counter.get() + " first name " + threads.get(0).getName()
                + " virtual " + threads.get(0).isVirtual() + " daemon " + threads.get(0).isDaemon());
        Thread started = Thread.startVirtualThread(() -> System.out.println("hello from startVirtualThread"));
        started.join();
        Thread unstarted = Thread.ofVirtual().unstarted(() -> System.out.println("hello from unstarted"));
        System.out.println("state before start " + unstarted.getState());
        unstarted.start();
        unstarted.join();
        System.out.println("state after join " + unstarted.getState());

        BlockingQueue<Integer> queue = new ArrayBlockingQueue<>(4);
        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 1; i <= 20; i++) queue.put(i);
                queue.put(-1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        int total = 0;
        int received = 0;
        for (int v; (v = queue.take()) != -1; ) {
            total += v;
            received++;
        }
        producer.join();
        System.out.println("consumed " + received + " values totalling " + total);

        ThreadFactory factory = Thread.ofVirtual().name("worker-", 1).factory();
        try (ExecutorService named = Executors.newThreadPerTaskExecutor(factory)) {
            List<Callable<String>> calls = IntStream.range(0, 3).<Callable<String>>mapToObj(i -> () -> "call " + i).toList();
            for (Future<String> f : named.invokeAll(calls)) System.out.println(f.get());
        }
        Object monitor = new Object();
        int[] value = {0};
        Thread waiter = Thread.ofVirtual().start(() -> {
            synchronized (monitor) {
                while (value[0] == 0) {
                    try { monitor.wait(); } catch (InterruptedException e) { return; }
                }
                value[0]++;
            }
        });
        synchronized (monitor) {
            value[0] = 41;
            monitor.notifyAll();
        }
        waiter.join();
        System.out.println("virtual wait/notify value " + value[0]);
        CompletableFuture<String> cf;
        try (ExecutorService vexec = Executors.newVirtualThreadPerTaskExecutor()) {
            cf = CompletableFuture.supplyAsync(() -> "virtual cf", vexec).thenApplyAsync(s -> s + " done", vexec);
            System.out.println(cf.get());
        }
        System.out.println("all virtual work finished");
    }
}
