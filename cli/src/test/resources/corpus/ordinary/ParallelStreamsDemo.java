// Parallel streams, object and primitive, made every way the JDK makes them: under SingJ their
// terminal operations run in the SIP's own pool.
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

public class ParallelStreamsDemo {
    public static void main(String[] args) {
        List<Integer> numbers = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            numbers.add((i * 7919) % 100_003);
        }
        System.out.println("sum " + numbers.parallelStream().mapToLong(Integer::longValue).sum());
        System.out.println("count even " + numbers.parallelStream().filter(n -> n % 2 == 0).count());
        System.out.println("max " + numbers.parallelStream().max(Integer::compare).orElseThrow());
        System.out.println("reduce " + numbers.parallelStream().reduce(0, (a, b) -> (a + b) % 1_000_007));
        System.out.println("reduce3 " + numbers.parallelStream().reduce(0L, (acc, n) -> acc + n, Long::sum));
        List<Integer> sorted = numbers.parallelStream().sorted().toList();
        System.out.println("sorted " + sorted.subList(0, 5) + " ... " + sorted.get(sorted.size() - 1));
        Map<Integer, Long> byDigit = numbers.parallelStream()
                .collect(Collectors.groupingByConcurrent(n -> n % 10, Collectors.counting()));
        System.out.println("groupingByConcurrent " + new TreeMap<>(byDigit));
        System.out.println("joining " + numbers.parallelStream().limit(8).map(String::valueOf).collect(Collectors.joining(",")));
        StringBuilder ordered = new StringBuilder();
        numbers.parallelStream().filter(n -> n < 40).sorted().forEachOrdered(n -> ordered.append(n).append(' '));
        System.out.println("forEachOrdered " + ordered.toString().trim());
        ConcurrentHashMap<Integer, Boolean> seen = new ConcurrentHashMap<>();
        Stream.of(1, 2, 3, 4, 5).parallel().forEach(n -> seen.put(n, true));
        System.out.println("forEach saw " + new TreeMap<>(seen).keySet());
        System.out.println("findFirst " + numbers.parallelStream().filter(n -> n > 50_000).findFirst().orElseThrow());
        System.out.println("anyMatch " + numbers.parallelStream().anyMatch(n -> n == 42)
                + " allMatch " + numbers.parallelStream().allMatch(n -> n >= 0)
                + " noneMatch " + numbers.parallelStream().noneMatch(n -> n < 0));
        System.out.println("toArray " + numbers.parallelStream().filter(n -> n < 20).sorted().toArray(Integer[]::new).length);

        System.out.println("IntStream sum " + IntStream.range(0, 1_000_000).parallel().sum());
        System.out.println("IntStream stats " + IntStream.rangeClosed(1, 1000).parallel().summaryStatistics());
        System.out.println("LongStream reduce " + LongStream.rangeClosed(1, 20).parallel().reduce(1, (a, b) -> a * b));
        System.out.println("DoubleStream average " + DoubleStream.of(1.5, 2.5, 3.5, 4.5).parallel().average().orElseThrow());
        System.out.println("IntStream collect " + IntStream.range(0, 50).parallel().boxed()
                .collect(Collectors.partitioningBy(n -> n % 3 == 0, Collectors.counting())));
        int[] squares = IntStream.range(0, 10).parallel().map(n -> n * n).toArray();
        System.out.println("IntStream toArray " + java.util.Arrays.toString(squares));

        Spliterator<Integer> spliterator = numbers.spliterator();
        System.out.println("StreamSupport " + StreamSupport.stream(spliterator, true).mapToInt(n -> n % 3).sum());
        Iterator<Integer> iterator = numbers.parallelStream().sorted().distinct().iterator();
        System.out.println("iterator " + iterator.next() + " " + iterator.next() + " " + iterator.next());
        Stream<Integer> concat = Stream.concat(numbers.parallelStream().filter(n -> n < 5).sorted(), Stream.of(-1, -2));
        System.out.println("concat then sequential " + concat.sequential().map(String::valueOf).collect(Collectors.joining(" ")));
        System.out.println("nCopies " + Collections.nCopies(1000, 3).parallelStream().mapToInt(Integer::intValue).sum());

        try {
            IntStream.range(0, 10_000).parallel().map(n -> {
                if (n == 7777) {
                    throw new IllegalArgumentException("bad " + n);
                }
                return n;
            }).sum();
        } catch (IllegalArgumentException e) {
            System.out.println("parallel lambda threw " + e.getClass().getName());
        }
    }
}
