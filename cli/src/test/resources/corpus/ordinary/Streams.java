import java.util.*;
import java.util.stream.*;

/** Sequential streams: collectors, grouping, flatMap, sorting, primitive ranges. */
public class Streams {
    record Employee(String name, String department, int salary, int age) {}

    public static void main(String[] args) {
        List<Employee> staff = List.of(
                new Employee("Alice", "eng", 120, 34), new Employee("Bob", "eng", 95, 28),
                new Employee("Carol", "sales", 70, 45), new Employee("Dan", "sales", 82, 39),
                new Employee("Eve", "ops", 60, 23), new Employee("Frank", "eng", 130, 51),
                new Employee("Grace", "ops", 75, 31));

        Map<String, List<String>> byDept = staff.stream().collect(Collectors.groupingBy(Employee::department,
                TreeMap::new, Collectors.mapping(Employee::name, Collectors.toList())));
        System.out.println("by department " + byDept);
        Map<String, Double> avg = staff.stream().collect(Collectors.groupingBy(Employee::department, TreeMap::new,
                Collectors.averagingInt(Employee::salary)));
        System.out.println("average salary " + avg);
        Map<String, Long> counts = staff.stream().collect(Collectors.groupingBy(Employee::department, TreeMap::new,
                Collectors.counting()));
        System.out.println("counts " + counts);
        Map<Boolean, List<String>> seniors = staff.stream().collect(Collectors.partitioningBy(e -> e.age() >= 35,
                Collectors.mapping(Employee::name, Collectors.toList())));
        System.out.println("partitioned " + seniors);
        Optional<Employee> richest = staff.stream().max(Comparator.comparingInt(Employee::salary));
        System.out.println("richest " + richest.map(Employee::name).orElse("none"));
        IntSummaryStatistics stats = staff.stream().mapToInt(Employee::salary).summaryStatistics();
        System.out.println("stats " + stats);
        System.out.println("names joined " + staff.stream().map(Employee::name).sorted(Comparator.reverseOrder())
                .collect(Collectors.joining(", ", "[", "]")));
        System.out.println("top 3 " + staff.stream().sorted(Comparator.comparingInt(Employee::salary).reversed())
                .limit(3).map(Employee::name).toList());

        List<List<Integer>> nested = List.of(List.of(1, 2), List.of(3), List.of(), List.of(4, 5, 6));
        System.out.println("flatMap " + nested.stream().flatMap(List::stream).map(i -> i * i).collect(Collectors.toList()));
        String text = "the quick brown fox jumps over the lazy dog the end";
        Map<String, Integer> freq = Arrays.stream(text.split(" ")).collect(
                Collectors.toMap(w -> w, w -> 1, Integer::sum, TreeMap::new));
        System.out.println("frequencies " + freq);
        System.out.println("distinct letters " + text.chars().filter(Character::isLetter).distinct().sorted()
                .mapToObj(c -> String.valueOf((char) c)).collect(Collectors.joining()));

        System.out.println("range sum " + IntStream.range(0, 100).sum() + " rangeClosed product "
                + LongStream.rangeClosed(1, 15).reduce(1, (x, y) -> x * y));
        System.out.println("evens " + IntStream.rangeClosed(1, 20).filter(i -> i % 2 == 0).boxed().toList());
        System.out.println("squares " + Arrays.toString(IntStream.iterate(1, i -> i <= 100, i -> i * 2).map(i -> i * i).toArray()));
        System.out.println("primes " + IntStream.rangeClosed(2, 60).filter(n -> IntStream.rangeClosed(2, (int) Math.sqrt(n))
                .noneMatch(d -> n % d == 0)).boxed().collect(Collectors.toList()));
        System.out.println("average " + IntStream.of(3, 5, 8, 13).average().getAsDouble());
        System.out.println("fibonacci " + Stream.iterate(new long[]{0, 1}, f -> new long[]{f[1], f[0] + f[1]}).limit(15)
                .map(f -> f[0]).toList());
        System.out.println("reduce concat " + Stream.of("a", "b", "c", "d").reduce("", String::concat));
        System.out.println("anyMatch " + staff.stream().anyMatch(e -> e.salary() > 125)
                + " allMatch " + staff.stream().allMatch(e -> e.age() > 20)
                + " noneMatch " + staff.stream().noneMatch(e -> e.department().equals("hr")));
        System.out.println("skip/peek " + Stream.of(1, 2, 3, 4, 5, 6).skip(2).peek(i -> System.out.print("<" + i + ">"))
                .takeWhile(i -> i < 6).toList());
        Map<Integer, String> byLength = Stream.of("one", "two", "three", "four", "five", "six")
                .collect(Collectors.groupingBy(String::length, TreeMap::new, Collectors.joining("+")));
        System.out.println("by length " + byLength);
        System.out.println("teeing " + Stream.of(4, 8, 15, 16, 23, 42).collect(Collectors.teeing(
                Collectors.summingInt(i -> i), Collectors.counting(), (sum, n) -> sum + "/" + n)));
        DoubleSummaryStatistics d = DoubleStream.of(1.5, 2.5, 10).summaryStatistics();
        System.out.printf(Locale.ROOT, "double stats min=%.1f max=%.1f avg=%.3f%n", d.getMin(), d.getMax(), d.getAverage());
        System.out.println("collectingAndThen " + Stream.of("x", "y").collect(Collectors.collectingAndThen(
                Collectors.toList(), Collections::unmodifiableList)));
        System.out.println("mapMulti " + Stream.of(1, 2, 3).<String>mapMulti((i, sink) -> {
            for (int k = 0; k < i; k++) sink.accept(i + ":" + k);
        }).toList());
    }
}
