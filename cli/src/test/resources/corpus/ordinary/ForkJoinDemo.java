// RecursiveTask with fork and join, invoked from main, ForkJoinPool's own pools and the
// parallel bulk operations of Arrays and ConcurrentHashMap.
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

public class ForkJoinDemo {
    static final class Sum extends RecursiveTask<Long> {
        private final long[] values;
        private final int from;
        private final int to;

        Sum(long[] values, int from, int to) {
            this.values = values;
            this.from = from;
            this.to = to;
        }

        @Override
        protected Long compute() {
            if (to - from <= 1000) {
                long sum = 0;
                for (int i = from; i < to; i++) {
                    sum += values[i];
                }
                return sum;
            }
            int middle = (from + to) >>> 1;
            Sum left = new Sum(values, from, middle);
            left.fork();
            long right = new Sum(values, middle, to).compute();
            return left.join() + right;
        }
    }

    static final class Fib extends RecursiveTask<Integer> {
        private final int n;

        Fib(int n) {
            this.n = n;
        }

        @Override
        protected Integer compute() {
            if (n < 12) {
                return slow(n);
            }
            Fib a = new Fib(n - 1);
            Fib b = new Fib(n - 2);
            invokeAll(a, b);
            return a.join() + b.join();
        }

        static int slow(int n) {
            return n < 2 ? n : slow(n - 1) + slow(n - 2);
        }
    }

    static final class Fill extends RecursiveAction {
        private final int[] array;
        private final int from;
        private final int to;

        Fill(int[] array, int from, int to) {
            this.array = array;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from <= 500) {
                for (int i = from; i < to; i++) {
                    array[i] = i * 2;
                }
                return;
            }
            int middle = (from + to) >>> 1;
            invokeAll(new Fill(array, from, middle), new Fill(array, middle, to));
        }
    }

    public static void main(String[] args) throws Exception {
        long[] values = new long[200_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i;
        }
        System.out.println("invoke " + new Sum(values, 0, values.length).invoke());
        Sum forked = new Sum(values, 0, 100_000);
        forked.fork();
        System.out.println("fork and join from main " + forked.join());
        System.out.println("invokeAll fib " + new Fib(25).invoke());
        int[] filled = new int[10_000];
        ForkJoinTask.invokeAll(List.of(new Fill(filled, 0, 5000), new Fill(filled, 5000, 10_000)));
        System.out.println("invokeAll collection " + filled[9999]);
        System.out.println("commonPool invoke " + ForkJoinPool.commonPool().invoke(new Sum(values, 0, 1000)));

        ForkJoinPool own = new ForkJoinPool(3);
        String worker = own.submit(() -> Thread.currentThread().getName()).get();
        System.out.println("own pool worker " + worker.replaceAll("\\d+$", "N"));
        long insidePool = own.submit(() -> Arrays.stream(values).parallel().sum()).get();
        System.out.println("parallel stream inside own pool " + insidePool);
        System.out.println("own pool parallelism " + own.getParallelism());
        own.shutdown();
        System.out.println("own pool terminated " + own.awaitTermination(10, TimeUnit.SECONDS));

        ForkJoinPool withFactory = new ForkJoinPool(2, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
        System.out.println("pool with the default factory " + withFactory.submit(() -> 6 * 7).get());
        withFactory.shutdownNow();

        ExecutorService stealing = Executors.newWorkStealingPool(2);
        System.out.println("work-stealing pool " + stealing.submit(() -> "ran").get());
        stealing.shutdown();

        int[] big = new int[2_000_000];
        Random random = new Random(42);
        for (int i = 0; i < big.length; i++) {
            big[i] = random.nextInt();
        }
        int[] copy = big.clone();
        Arrays.parallelSort(big);
        Arrays.sort(copy);
        System.out.println("parallelSort matches sort " + Arrays.equals(big, copy) + ", first " + big[0]);
        String[] words = {"pear", "apple", "fig", "banana", "cherry"};
        Arrays.parallelSort(words, (a, b) -> Integer.compare(a.length(), b.length()));
        System.out.println("parallelSort with comparator " + Arrays.toString(words));
        long[] squares = new long[100_000];
        Arrays.parallelSetAll(squares, i -> (long) i * i);
        System.out.println("parallelSetAll " + squares[99_999]);
        int[] prefix = new int[100_000];
        Arrays.fill(prefix, 1);
        Arrays.parallelPrefix(prefix, Integer::sum);
        System.out.println("parallelPrefix " + prefix[99_999]);

        ConcurrentHashMap<Integer, Integer> map = new ConcurrentHashMap<>();
        for (int i = 0; i < 10_000; i++) {
            map.put(i, i % 100);
        }
        AtomicLong total = new AtomicLong();
        map.forEach(1, (key, value) -> total.addAndGet(value));
        System.out.println("forEach " + total.get());
        System.out.println("reduceValues " + map.reduceValues(1, Integer::sum));
        System.out.println("reduceKeysToLong " + map.reduceKeysToLong(1, Integer::longValue, 0L, Long::sum));
        System.out.println("search " + map.search(1, (key, value) -> key == 4242 ? "found " + value : null));
        total.set(0);
        map.forEachValue(1, value -> (long) value * 2, total::addAndGet);
        System.out.println("forEachValue transformed " + total.get());
    }
}
