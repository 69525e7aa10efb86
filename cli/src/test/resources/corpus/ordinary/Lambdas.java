import java.util.*;
import java.util.function.*;

/** Lambdas, method references of every kind, functional composition, captured state. */
public class Lambdas {
    static final class Counter {
        private int count;
        private final String name;
        Counter() { this("anonymous"); }
        Counter(String name) { this.name = name; }
        void increment() { count++; }
        int count() { return count; }
        @Override public String toString() { return name + "=" + count; }
    }

    record Point(int x, int y) {
        static Point origin() { return new Point(0, 0); }
        Point plus(Point other) { return new Point(x + other.x, y + other.y); }
    }

    static int twice(int x) { return 2 * x; }

    interface TriFunction<A, B, C, R> { R apply(A a, B b, C c); }

    public static void main(String[] args) {
        List<String> words = List.of("lambda", "method", "reference", "stream", "capture");
        words.forEach(System.out::println);

        Function<String, Counter> named = Counter::new;
        Supplier<Counter> unnamed = Counter::new;
        Counter a = named.apply("alpha");
        Counter b = unnamed.get();
        Runnable incA = a::increment;
        for (int i = 0; i < 3; i++) incA.run();
        b.increment();
        System.out.println(a + " " + b);

        BiFunction<Integer, Integer, Point> pointMaker = Point::new;
        BinaryOperator<Point> plus = Point::plus;
        Point p = plus.apply(pointMaker.apply(1, 2), pointMaker.apply(30, 40));
        System.out.println(p + " origin=" + ((Supplier<Point>) Point::origin).get());

        IntUnaryOperator doubler = Lambdas::twice;
        IntUnaryOperator inc = x -> x + 1;
        System.out.println("andThen=" + doubler.andThen(inc).applyAsInt(5) + " compose=" + doubler.compose(inc).applyAsInt(5));

        Function<String, String> upper = String::toUpperCase;
        Function<String, String> exclaim = s -> s + "!";
        System.out.println(upper.andThen(exclaim).apply("composed"));
        Predicate<String> longWord = s -> s.length() > 6;
        Predicate<String> hasE = s -> s.indexOf('e') >= 0;
        for (String w : words) {
            System.out.println(w + ": long=" + longWord.test(w) + " long&&e=" + longWord.and(hasE).test(w)
                    + " !long||e=" + longWord.negate().or(hasE).test(w));
        }

        int base = 100; // effectively final, captured
        int[] box = {0};
        IntConsumer accumulate = x -> box[0] += x + base;
        for (int i = 1; i <= 4; i++) accumulate.accept(i);
        System.out.println("accumulated " + box[0]);

        Comparator<String> byLength = Comparator.comparing(String::length);
        List<String> sorted = new ArrayList<>(words);
        sorted.sort(byLength.thenComparing(Comparator.reverseOrder()));
        System.out.println("sorted " + sorted);

        TriFunction<Integer, Integer, Integer, Integer> volume = (x, y, z) -> x * y * z;
        System.out.println("volume " + volume.apply(2, 3, 7));

        Function<Integer, int[]> arrayMaker = int[]::new;
        System.out.println("array length " + arrayMaker.apply(7).length);

        Map<String, Function<Double, Double>> ops = new LinkedHashMap<>();
        ops.put("sqrt", Math::sqrt);
        ops.put("negate", d -> -d);
        ops.put("half", d -> d / 2);
        ops.forEach((name, f) -> System.out.println(name + "(16) = " + f.apply(16.0)));

        Runnable anonymous = new Runnable() {
            int calls;
            @Override public void run() { System.out.println("anonymous run #" + (++calls)); }
        };
        anonymous.run();
        anonymous.run();

        Optional<String> first = words.stream().filter(hasE).findFirst();
        first.map(String::length).ifPresent(len -> System.out.println("first with e has length " + len));
        UnaryOperator<String> identity = UnaryOperator.identity();
        System.out.println(identity.apply("identity") + " " + Function.<Integer>identity().apply(9));
        BooleanSupplier always = () -> true;
        ToIntFunction<String> len = String::length;
        ObjIntConsumer<StringBuilder> repeat = (sb, n) -> sb.append("ab".repeat(n));
        StringBuilder sb = new StringBuilder();
        repeat.accept(sb, 3);
        System.out.println(always.getAsBoolean() + " " + len.applyAsInt("four") + " " + sb);
    }
}
