import java.util.*;
import java.util.concurrent.*;
import java.util.concurrent.atomic.*;
import java.util.concurrent.locks.*;

/** Atomics, adders, ReentrantLock with conditions, read/write locks, latches, barriers, semaphores. */
public class AtomicsAndLocks {
    static final class BoundedBuffer {
        private final Lock lock = new ReentrantLock();
        private final Condition notFull = lock.newCondition();
        private final Condition notEmpty = lock.newCondition();
        private final int[] items = new int[3];
        private int putAt, takeAt, count;

        void put(int x) throws InterruptedException {
            lock.lock();
            try {
                while (count == items.length) notFull.await();
                items[putAt] = x;
                putAt = (putAt + 1) % items.length;
                count++;
                notEmpty.signal();
            } finally {
                lock.unlock();
            }
        }

        int take() throws InterruptedException {
            lock.lock();
            try {
                while (count == 0) notEmpty.await();
                int x = items[takeAt];
                takeAt = (takeAt + 1) % items.length;
                count--;
                notFull.signal();
                return x;
            } finally {
                lock.unlock();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        AtomicInteger atomic = new AtomicInteger();
        AtomicLong along = new AtomicLong(1);
        LongAdder adder = new LongAdder();
        int[] plain = {0};
        ReentrantLock lock = new ReentrantLock();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        CountDownLatch done = new CountDownLatch(4);
        for (int t = 0; t < 4; t++) {
            pool.execute(() -> {
                for (int i = 0; i < 25_000; i++) {
                    atomic.incrementAndGet();
                    adder.increment();
                    lock.lock();
                    try {
                        plain[0]++;
                    } finally {
                        lock.unlock();
                    }
                }
                along.accumulateAndGet(3, (a, b) -> a * b);
                done.countDown();
            });
        }
        System.out.println("latch reached " + done.await(30, TimeUnit.SECONDS));
        System.out.println("atomic " + atomic.get() + " adder " + adder.sum() + " locked " + plain[0] + " along " + along.get());
        System.out.println("cas " + atomic.compareAndSet(100_000, 7) + " " + atomic.compareAndSet(100_000, 8) + " now " + atomic.get()
                + " getAndAdd " + atomic.getAndAdd(3) + " updateAndGet " + atomic.updateAndGet(x -> x * 10));
        AtomicReference<String> ref = new AtomicReference<>("a");
        ref.getAndUpdate(s -> s + "b");
        ref.accumulateAndGet("c", String::concat);
        System.out.println("reference " + ref.get());
        AtomicIntegerArray array = new AtomicIntegerArray(5);
        for (int i = 0; i < 5; i++) array.addAndGet(i, i * i);
        System.out.println("atomic array " + array);
        AtomicBoolean flag = new AtomicBoolean();
        System.out.println("flag set once " + flag.compareAndSet(false, true) + " twice " + flag.compareAndSet(false, true));

        BoundedBuffer buffer = new BoundedBuffer();
        Future<Integer> consumer = pool.submit(() -> {
            int sum = 0;
            for (int i = 0; i < 50; i++) sum += buffer.take();
            return sum;
        });
        for (int i = 1; i <= 50; i++) buffer.put(i);
        System.out.println("bounded buffer sum " + consumer.get());

        ReadWriteLock rw = new ReentrantReadWriteLock();
        Map<String, Integer> cache = new TreeMap<>();
        List<Future<?>> writers = new ArrayList<>();
        for (int w = 0; w < 4; w++) {
            final int id = w;
            writers.add(pool.submit(() -> {
                rw.writeLock().lock();
                try {
                    cache.put("key" + id, id * 100);
                } finally {
                    rw.writeLock().unlock();
                }
            }));
        }
        for (Future<?> f : writers) f.get();
        rw.readLock().lock();
        try {
            System.out.println("cache " + cache);
        } finally {
            rw.readLock().unlock();
        }

        CyclicBarrier barrier = new CyclicBarrier(3, () -> System.out.println("barrier tripped"));
        List<Future<Integer>> parties = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            final int k = i;
            parties.add(pool.submit(() -> {
                barrier.await();
                return k;
            }));
        }
        int partySum = 0;
        for (Future<Integer> f : parties) partySum += f.get();
        System.out.println("parties " + partySum);

        Semaphore permits = new Semaphore(2);
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger maxInside = new AtomicInteger();
        List<Future<?>> guarded = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            guarded.add(pool.submit(() -> {
                permits.acquireUninterruptibly();
                try {
                    maxInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
                    Thread.sleep(2);
                    inside.decrementAndGet();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    permits.release();
                }
            }));
        }
        for (Future<?> f : guarded) f.get();
        System.out.println("semaphore never exceeded 2: " + (maxInside.get() <= 2) + " available " + permits.availablePermits());
        System.out.println("tryLock " + lock.tryLock() + " held " + lock.isHeldByCurrentThread() + " holds " + lock.getHoldCount());
        lock.unlock();
        ConcurrentHashMap<String, LongAdder> words = new ConcurrentHashMap<>();
        List<Future<?>> counters = new ArrayList<>();
        for (String text : List.of("a b c a", "b c a", "c c d")) {
            counters.add(pool.submit(() -> {
                for (String w : text.split(" ")) words.computeIfAbsent(w, k -> new LongAdder()).increment();
            }));
        }
        for (Future<?> f : counters) f.get();
        System.out.println("concurrent counts " + new TreeMap<>(words));
        pool.shutdown();
        System.out.println("shut down " + pool.awaitTermination(10, TimeUnit.SECONDS));
    }
}
