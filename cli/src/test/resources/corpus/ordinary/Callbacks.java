import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.time.temporal.TemporalAmount;
import java.time.temporal.TemporalUnit;
import java.util.AbstractCollection;
import java.util.AbstractList;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Formattable;
import java.util.Formatter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.Spliterator;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collector;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * The JDK calling a program's code back, each way through an object of the program's own class
 * (no lambdas, which are reached by name): the program never calls these methods itself, so only
 * the JDK code it reaches makes them run. Everything printed must be what java prints.
 */
public class Callbacks {
    public static void main(String[] args) throws Exception {
        // toString, hashCode, equals and compareTo through collections
        Map<Version, Label> versions = new TreeMap<>();
        versions.put(new Version(2, 1), new Label("two-one"));
        versions.put(new Version(1, 9), new Label("one-nine"));
        versions.put(new Version(2, 0), new Label("two"));
        System.out.println(versions);
        Set<Label> labels = new HashSet<>(versions.values());
        System.out.println(labels.contains(new Label("two")) + " " + labels.size());
        System.out.println(List.of(new Label("a"), new Label("b")).equals(List.of(new Label("a"), new Label("b"))));
        System.out.println(Arrays.asList(new Version(3, 3), new Version(0, 1)).hashCode() != 0);

        // sorting with a comparator, a priority queue, max
        List<Version> list = new ArrayList<>(List.of(new Version(5, 0), new Version(1, 2), new Version(3, 7)));
        list.sort(new ByMinor());
        System.out.println(list);
        Collections.sort(list);
        System.out.println(list + " max " + Collections.max(list, new ByMinor()));
        PriorityQueue<Version> queue = new PriorityQueue<>(new ByMinor());
        queue.addAll(list);
        System.out.println(queue.poll() + " " + queue.poll());
        Version[] array = list.toArray(new Version[0]);
        Arrays.sort(array, Collections.reverseOrder());
        System.out.println(Arrays.toString(array));

        // streams
        List<Label> words = List.of(new Label("pear"), new Label("fig"), new Label("plum"), new Label("kiwi"), new Label("apple"));
        System.out.println(words.stream().filter(new LongerThan(3)).map(new Upper()).sorted().collect(Collectors.toList()));
        Map<Integer, List<Label>> byLength = words.stream().collect(Collectors.groupingBy(new LengthOf(), TreeMap::new,
                Collectors.toList()));
        System.out.println(byLength);
        System.out.println(words.stream().collect(new Joining()));
        System.out.println(words.stream().map(new Upper()).reduce(new Longer()).get());
        // the JDK's grouping finishes each group with replaceAll on the map the program supplied
        CountingMap counted = words.stream().collect(Collectors.groupingBy(new LengthOf(), new NewCountingMap(),
                Collectors.counting()));
        System.out.println(counted + " after " + counted.replaced + " replaceAll");

        // formatting and string concatenation
        System.out.println(String.format("%s|%10s|%-6s|", new Label("x"), new Shout("hi"), new Version(1, 0)));
        Formatter formatter = new Formatter(new StringBuilder());
        formatter.format("%S and %s", new Shout("quiet"), new Label("loud"));
        System.out.println(formatter);
        System.out.println("concatenated: " + new Version(4, 2) + ", " + new Label("end") + '.');

        // records in hash sets: the record's own hashCode and equals call its components'
        Set<Pair> pairs = new HashSet<>(List.of(new Pair(new Label("k"), 1), new Pair(new Label("k"), 1), new Pair(new Label("j"), 2)));
        System.out.println(pairs.size() + " " + pairs.contains(new Pair(new Label("j"), 2)) + " " + new TreeSet<>(
                List.of(new Label("z"), new Label("y"))));

        // the program's own collections: iteration, for-each, streams through the default spliterator
        Countdown countdown = new Countdown(4);
        for (int n : countdown) {
            System.out.print(n + " ");
        }
        System.out.println();
        System.out.println(StreamSupport.stream(countdown.spliterator(), false).map(new Twice()).toList());
        System.out.println(new ArrayList<>(new Bag(List.of("b", "a", "c"))) + " " + new Bag(List.of("q")).isEmpty());
        Bag bag = new Bag(new ArrayList<>(List.of("keep", "drop", "keep too", "drop")));
        bag.removeIf(new StartsWith("drop"));
        System.out.println(bag + " " + bag.size());
        Squares squares = new Squares(5);
        System.out.println(squares + " " + squares.subList(1, 3) + " " + squares.indexOf(9) + " " + squares.contains(16));
        Iterator<Integer> it = countdown.iterator();
        it.next();
        try {
            it.remove();
        } catch (UnsupportedOperationException e) {
            System.out.println("remove: " + e.getMessage());
        }
        Ages ages = new Ages();
        System.out.println(ages + " " + ages.get("bo") + " " + ages.containsKey("al") + " " + ages.keySet());
        ages.forEach(new PrintEntry());
        Map<String, Integer> copy = new HashMap<>(ages);
        copy.compute("al", new AddOne());
        copy.merge("cy", 1, new Sum());
        System.out.println(new TreeMap<>(copy));

        // a random generator's own source of bits, and a date moved by the program's own amount
        System.out.println(new Dice().nextInt(6) + " " + new Dice().nextInt(100));
        System.out.println(LocalDate.of(2024, 3, 1).minus(new Weeks(2)) + " " + LocalDate.of(2024, 3, 1).plus(new Weeks(1)));

        // threads, an uncaught exception's handler, executors with the program's thread factory
        Thread worker = new Thread(new Greeter("worker"));
        worker.start();
        worker.join();
        Thread subclass = new Counter();
        subclass.start();
        subclass.join();
        Thread failing = new Thread(new Failing(), "failing");
        failing.setUncaughtExceptionHandler(new Handler());
        failing.start();
        failing.join();
        ExecutorService pool = Executors.newFixedThreadPool(2, new NamedFactory());
        System.out.println(pool.submit(new Answer()).get() + " " + pool.submit(new ThreadName()).get());
        pool.shutdown();
        CompletableFuture<String> future = CompletableFuture.supplyAsync(new Supply("supplied"))
                .thenApply(new Upper2()).thenCombine(CompletableFuture.completedFuture("!"), new Concat());
        System.out.println(future.get());
        StringBuilder seen = new StringBuilder();
        CompletableFuture.completedFuture("done").thenAccept(new Append(seen)).get();
        System.out.println(seen);

        // an exception's own message, as the JDK prints it
        try {
            throw new Problem(7);
        } catch (Problem e) {
            System.out.println(e);
        }
        // ThreadLocal's initial value
        System.out.println(new Numbered().get() + " " + ThreadLocal.withInitial(new Supply("initial")).get());
        System.out.println(new Version(9, 9).describe());
        // an enum named only by its class: the JDK calls its values() by reflection
        System.out.println(EnumSet.allOf(Suit.class) + " " + Enum.valueOf(Rank.class, "KING").ordinal());
    }
}

enum Suit { CLUBS, DIAMONDS, HEARTS, SPADES }

enum Rank { QUEEN, KING }

class Version implements Comparable<Version> {
    final int major;
    final int minor;

    Version(int major, int minor) {
        this.major = major;
        this.minor = minor;
    }

    @Override
    public int compareTo(Version other) {
        return major != other.major ? Integer.compare(major, other.major) : Integer.compare(minor, other.minor);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Version v && v.major == major && v.minor == minor;
    }

    @Override
    public int hashCode() {
        return major * 31 + minor;
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }

    String describe() {
        return "version " + this;
    }
}

class Label implements Comparable<Label> {
    final String text;

    Label(String text) {
        this.text = text;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Label l && l.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return "<" + text + ">";
    }

    @Override
    public int compareTo(Label other) {
        return text.compareTo(other.text);
    }
}

record Pair(Label label, int count) {}

class Shout implements Formattable {
    final String text;

    Shout(String text) {
        this.text = text;
    }

    @Override
    public void formatTo(Formatter formatter, int flags, int width, int precision) {
        String shown = text + "!";
        formatter.format("%" + (width > 0 ? width : "") + "s", (flags & java.util.FormattableFlags.UPPERCASE) != 0 ? shown.toUpperCase() : shown);
    }
}

class ByMinor implements Comparator<Version> {
    @Override
    public int compare(Version a, Version b) {
        return Integer.compare(a.minor, b.minor);
    }
}

class LongerThan implements Predicate<Label> {
    final int length;

    LongerThan(int length) {
        this.length = length;
    }

    @Override
    public boolean test(Label label) {
        return label.text.length() > length;
    }
}

class Upper implements Function<Label, Label> {
    @Override
    public Label apply(Label label) {
        return new Label(label.text.toUpperCase());
    }
}

class Upper2 implements Function<String, String> {
    @Override
    public String apply(String text) {
        return text.toUpperCase();
    }
}

class LengthOf implements Function<Label, Integer> {
    @Override
    public Integer apply(Label label) {
        return label.text.length();
    }
}

class Longer implements BinaryOperator<Label> {
    @Override
    public Label apply(Label a, Label b) {
        return a.text.length() >= b.text.length() ? a : b;
    }
}

class Concat implements BiFunction<String, String, String> {
    @Override
    public String apply(String a, String b) {
        return a + b;
    }
}

class Sum implements BiFunction<Integer, Integer, Integer> {
    @Override
    public Integer apply(Integer a, Integer b) {
        return a + b;
    }
}

class AddOne implements BiFunction<String, Integer, Integer> {
    @Override
    public Integer apply(String key, Integer value) {
        return value == null ? 1 : value + 1;
    }
}

class PrintEntry implements BiConsumer<String, Integer> {
    @Override
    public void accept(String key, Integer value) {
        System.out.println("entry " + key + "=" + value);
    }
}

class Twice implements Function<Integer, Integer> {
    @Override
    public Integer apply(Integer n) {
        return n * 2;
    }
}

class StartsWith implements Predicate<String> {
    final String prefix;

    StartsWith(String prefix) {
        this.prefix = prefix;
    }

    @Override
    public boolean test(String text) {
        return text.startsWith(prefix);
    }
}

/** A collector of the program's own: the JDK calls each of its parts. */
class Joining implements Collector<Label, StringBuilder, String> {
    @Override
    public Supplier<StringBuilder> supplier() {
        return new NewBuilder();
    }

    @Override
    public BiConsumer<StringBuilder, Label> accumulator() {
        return new AppendLabel();
    }

    @Override
    public BinaryOperator<StringBuilder> combiner() {
        return new AppendBuilder();
    }

    @Override
    public Function<StringBuilder, String> finisher() {
        return new Finish();
    }

    @Override
    public Set<Characteristics> characteristics() {
        return Set.of();
    }
}

class NewBuilder implements Supplier<StringBuilder> {
    @Override
    public StringBuilder get() {
        return new StringBuilder("[");
    }
}

class AppendLabel implements BiConsumer<StringBuilder, Label> {
    @Override
    public void accept(StringBuilder builder, Label label) {
        builder.append(builder.length() > 1 ? "+" : "").append(label.text);
    }
}

class AppendBuilder implements BinaryOperator<StringBuilder> {
    @Override
    public StringBuilder apply(StringBuilder a, StringBuilder b) {
        return a.append(b);
    }
}

class Finish implements Function<StringBuilder, String> {
    @Override
    public String apply(StringBuilder builder) {
        return builder.append("]").toString();
    }
}

/** A map the program supplies to a collector; the JDK calls its replaceAll when it finishes the groups. */
class CountingMap extends TreeMap<Integer, Long> {
    int replaced;

    @Override
    public void replaceAll(BiFunction<? super Integer, ? super Long, ? extends Long> function) {
        replaced++;
        super.replaceAll(function);
    }
}

class NewCountingMap implements Supplier<CountingMap> {
    @Override
    public CountingMap get() {
        return new CountingMap();
    }
}

/** Iterable, never a collection: for-each and the default spliterator call iterator. */
class Countdown implements Iterable<Integer> {
    final int from;

    Countdown(int from) {
        this.from = from;
    }

    @Override
    public Iterator<Integer> iterator() {
        return new Iterator<>() {
            int next = from;

            @Override
            public boolean hasNext() {
                return next > 0;
            }

            @Override
            public Integer next() {
                if (next <= 0) {
                    throw new NoSuchElementException();
                }
                return next--;
            }
        };
    }
}

/** A collection over a list: AbstractCollection's methods call iterator, size and the iterator's remove. */
class Bag extends AbstractCollection<String> {
    final List<String> items;

    Bag(List<String> items) {
        this.items = items;
    }

    @Override
    public Iterator<String> iterator() {
        Iterator<String> inner = items.iterator();
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return inner.hasNext();
            }

            @Override
            public String next() {
                return inner.next();
            }

            @Override
            public void remove() {
                inner.remove();
            }
        };
    }

    @Override
    public int size() {
        return items.size();
    }
}

class Squares extends AbstractList<Integer> {
    final int size;

    Squares(int size) {
        this.size = size;
    }

    @Override
    public Integer get(int index) {
        return index * index;
    }

    @Override
    public int size() {
        return size;
    }
}

class Ages extends AbstractMap<String, Integer> {
    @Override
    public Set<Map.Entry<String, Integer>> entrySet() {
        Set<Map.Entry<String, Integer>> entries = new java.util.LinkedHashSet<>();
        entries.add(new AbstractMap.SimpleImmutableEntry<>("al", 30));
        entries.add(new AbstractMap.SimpleImmutableEntry<>("bo", 25));
        return entries;
    }
}

/** Random's own methods draw their bits from next, which the program overrides. */
class Dice extends Random {
    int calls;

    @Override
    protected int next(int bits) {
        calls++;
        return (calls * 1103515245 + 12345) >>> (32 - bits);
    }
}

/** An amount of time of the program's own: LocalDate.minus and plus call it back. */
class Weeks implements TemporalAmount {
    final long weeks;

    Weeks(long weeks) {
        this.weeks = weeks;
    }

    @Override
    public long get(TemporalUnit unit) {
        return unit == ChronoUnit.WEEKS ? weeks : 0;
    }

    @Override
    public List<TemporalUnit> getUnits() {
        return List.of(ChronoUnit.WEEKS);
    }

    @Override
    public Temporal addTo(Temporal temporal) {
        return temporal.plus(weeks, ChronoUnit.WEEKS);
    }

    @Override
    public Temporal subtractFrom(Temporal temporal) {
        return temporal.minus(weeks, ChronoUnit.WEEKS);
    }
}

class Greeter implements Runnable {
    final String name;

    Greeter(String name) {
        this.name = name;
    }

    @Override
    public void run() {
        System.out.println("hello from " + name);
    }
}

class Counter extends Thread {
    @Override
    public void run() {
        int sum = 0;
        for (int i = 1; i <= 10; i++) {
            sum += i;
        }
        System.out.println("counted " + sum);
    }
}

class Failing implements Runnable {
    @Override
    public void run() {
        throw new IllegalStateException("failed on purpose");
    }
}

class Handler implements Thread.UncaughtExceptionHandler {
    @Override
    public void uncaughtException(Thread thread, Throwable error) {
        System.out.println("handled in " + thread.getName() + ": " + error.getMessage());
    }
}

class NamedFactory implements ThreadFactory {
    int made;

    @Override
    public synchronized Thread newThread(Runnable task) {
        return new Thread(task, "named-" + ++made);
    }
}

class Answer implements Callable<Integer> {
    @Override
    public Integer call() {
        return 42;
    }
}

class ThreadName implements Callable<String> {
    @Override
    public String call() {
        return Thread.currentThread().getName().startsWith("named-") ? "named" : "unnamed";
    }
}

class Supply implements Supplier<String> {
    final String value;

    Supply(String value) {
        this.value = value;
    }

    @Override
    public String get() {
        return value;
    }
}

class Append implements java.util.function.Consumer<String> {
    final StringBuilder target;

    Append(StringBuilder target) {
        this.target = target;
    }

    @Override
    public void accept(String text) {
        target.append("accepted ").append(text);
    }
}

class Problem extends Exception {
    final int code;

    Problem(int code) {
        this.code = code;
    }

    @Override
    public String getMessage() {
        return "problem number " + code;
    }
}

class Numbered extends ThreadLocal<String> {
    @Override
    protected String initialValue() {
        return "initial from the subclass";
    }
}
