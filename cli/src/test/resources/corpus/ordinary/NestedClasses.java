import java.util.*;

/** Inner, anonymous, local and static nested classes; static state and static initializer order. */
public class NestedClasses {
    static final List<String> LOG = new ArrayList<>();
    static int instances;

    static {
        LOG.add("outer static init");
    }

    static class Registry {
        static final Map<String, Integer> IDS = new TreeMap<>();
        static int nextId;
        static {
            LOG.add("Registry static init");
            register("root");
        }
        static int register(String name) {
            IDS.put(name, nextId);
            return nextId++;
        }
    }

    static class Lazy {
        static { LOG.add("Lazy static init (only when first used)"); }
        static final String VALUE = compute();
        static String compute() { LOG.add("Lazy.compute"); return "computed"; }
    }

    static class Base {
        static { LOG.add("Base static init"); }
        { LOG.add("Base instance init"); }
        Base() { LOG.add("Base constructor"); describe(); }
        void describe() { LOG.add("Base.describe"); }
    }

    static class Derived extends Base {
        static { LOG.add("Derived static init"); }
        private String field = "set";
        { LOG.add("Derived instance init, field=" + field); }
        Derived() { super(); LOG.add("Derived constructor"); }
        @Override void describe() { LOG.add("Derived.describe sees field=" + field); }
    }

    private final String name;
    private int counter;

    NestedClasses(String name) {
        this.name = name;
        instances++;
    }

    class Inner {
        final int id = ++counter;
        String describe() { return "Inner " + id + " of " + name + " (outer counter " + NestedClasses.this.counter + ")"; }
    }

    Iterator<Integer> countdown(int from) {
        class Countdown implements Iterator<Integer> {
            int current = from;
            public boolean hasNext() { return current > 0; }
            public Integer next() { counter++; return current--; }
        }
        return new Countdown();
    }

    Comparator<String> byDistanceFrom(String target) {
        return new Comparator<>() {
            private int distance(String s) { return Math.abs(s.compareTo(target)); }
            @Override public int compare(String a, String b) { return Integer.compare(distance(a), distance(b)); }
        };
    }

    static abstract class Shape {
        abstract double area();
        @Override public String toString() { return getClass().getSimpleName() + String.format(Locale.ROOT, "[%.2f]", area()); }
    }

    public static void main(String[] args) {
        LOG.add("main starts");
        System.out.println("register a=" + Registry.register("a") + " b=" + Registry.register("b") + " ids=" + Registry.IDS);
        new Derived();
        new Derived();
        NestedClasses outer = new NestedClasses("outer-1");
        NestedClasses.Inner i1 = outer.new Inner();
        NestedClasses.Inner i2 = outer.new Inner();
        System.out.println(i1.describe());
        System.out.println(i2.describe());
        Iterator<Integer> it = outer.countdown(4);
        StringBuilder sb = new StringBuilder();
        while (it.hasNext()) sb.append(it.next()).append(' ');
        System.out.println("countdown " + sb + "counter now " + outer.counter);
        List<String> words = new ArrayList<>(List.of("apple", "mango", "kiwi", "lemon", "banana"));
        words.sort(outer.byDistanceFrom("lime"));
        System.out.println("closest to lime " + words);
        Shape square = new Shape() {
            double area() { return 4; }
        };
        class Circle extends Shape {
            final double r;
            Circle(double r) { this.r = r; }
            double area() { return Math.PI * r * r; }
        }
        System.out.println("anonymous simple name '" + square.getClass().getSimpleName() + "' " + new Circle(1.5)
                + " anonymous class name " + square.getClass().getName());
        System.out.println("inner class name " + Inner.class.getName() + " simple " + Inner.class.getSimpleName()
                + " local " + Circle.class.getName());
        new NestedClasses("outer-2");
        System.out.println("instances " + instances);
        System.out.println("before Lazy: " + LOG.contains("Lazy static init (only when first used)"));
        System.out.println("Lazy.VALUE " + Lazy.VALUE);
        for (String entry : LOG) System.out.println("log: " + entry);
    }
}
