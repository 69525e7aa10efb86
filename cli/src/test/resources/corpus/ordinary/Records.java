import java.util.*;

/** Records: generated toString/equals/hashCode, compact and custom constructors, statics, nesting. */
public class Records {
    record Point(int x, int y) {
        static final Point ORIGIN = new Point(0, 0);
        Point {
            if (x < -1000 || y < -1000) throw new IllegalArgumentException("out of range: " + x + "," + y);
        }
        Point(int both) { this(both, both); }
        double distance(Point o) { return Math.hypot(x - o.x, y - o.y); }
    }

    record Range(int low, int high) {
        Range {
            if (low > high) {
                int t = low; low = high; high = t; // normalise in the compact constructor
            }
        }
        int length() { return high - low; }
    }

    record Person(String name, int age, List<String> tags) {
        Person {
            Objects.requireNonNull(name, "name");
            tags = List.copyOf(tags);
        }
        @Override public String toString() { return name + "(" + age + ")" + tags; }
    }

    record Line(Point from, Point to) {}
    record Named<T>(String name, T value) {}
    record Empty() {}
    record Money(long cents, String currency) implements Comparable<Money> {
        public int compareTo(Money o) { return Long.compare(cents, o.cents); }
        String show() { return String.format(Locale.ROOT, "%d.%02d %s", cents / 100, cents % 100, currency); }
    }

    public static void main(String[] args) {
        Point p = new Point(3, 4);
        Point q = new Point(3, 4);
        System.out.println(p + " equals " + q + ": " + p.equals(q) + ", same hash: " + (p.hashCode() == q.hashCode()));
        System.out.println("hashCode " + p.hashCode() + " origin " + Point.ORIGIN + " hash " + Point.ORIGIN.hashCode());
        System.out.println("distance " + p.distance(Point.ORIGIN) + " diagonal " + new Point(7));
        System.out.println("x=" + p.x() + " y=" + p.y() + " not equal to " + new Point(4, 3) + ": " + !p.equals(new Point(4, 3)));
        try {
            new Point(-5000, 1);
        } catch (IllegalArgumentException e) {
            System.out.println("rejected: " + e.getMessage());
        }
        Range r = new Range(9, 2);
        System.out.println(r + " length " + r.length());
        List<String> tags = new ArrayList<>(List.of("admin", "ops"));
        Person ann = new Person("Ann", 41, tags);
        tags.add("mutated later");
        System.out.println(ann + " tags unchanged: " + ann.tags());
        try {
            new Person(null, 1, List.of());
        } catch (NullPointerException e) {
            System.out.println("null name: " + e.getMessage());
        }
        Line line = new Line(new Point(1, 1), new Point(4, 5));
        System.out.println(line + " hash " + line.hashCode());
        Named<List<Integer>> named = new Named<>("primes", List.of(2, 3, 5));
        System.out.println(named + " hash " + named.hashCode() + " equal " + named.equals(new Named<>("primes", List.of(2, 3, 5))));
        System.out.println(new Empty() + " " + new Empty().equals(new Empty()) + " " + new Empty().hashCode());
        Set<Point> set = new HashSet<>();
        for (int i = 0; i < 5; i++) set.add(new Point(i % 3, 0));
        System.out.println("distinct points " + set.size());
        Map<Point, String> map = new TreeMap<>(Comparator.comparingInt(Point::x).thenComparingInt(Point::y));
        map.put(new Point(2, 1), "b");
        map.put(new Point(1, 9), "a");
        map.put(new Point(2, 0), "c");
        System.out.println("tree of points " + map);
        List<Money> wallet = new ArrayList<>(List.of(new Money(1999, "EUR"), new Money(5, "EUR"), new Money(120000, "EUR")));
        Collections.sort(wallet);
        for (Money m : wallet) System.out.println("money " + m.show() + " " + m);
        record Local(String what, double amount) {}
        Local local = new Local("local record", 2.5);
        System.out.println(local + " " + local.what() + " " + local.amount());
        System.out.println("record with double hash " + new Local("x", 0.1).hashCode() + " with null " + new Named<>("n", null));
    }
}
