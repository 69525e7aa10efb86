import java.util.*;

/** Abstract classes, overriding and overloading, super calls, equals/hashCode/toString, static synchronized. */
public class Polymorphism {
    abstract static class Animal implements Comparable<Animal> {
        private static int created;
        protected final String name;
        Animal(String name) { this.name = name; register(); }
        private static synchronized void register() { created++; }
        static synchronized int created() { return created; }
        abstract String sound();
        String describe() { return name + " says " + sound(); }
        public int compareTo(Animal o) { return name.compareTo(o.name); }
        @Override public boolean equals(Object o) {
            return o != null && o.getClass() == getClass() && ((Animal) o).name.equals(name);
        }
        @Override public int hashCode() { return name.hashCode() * 31 + getClass().getSimpleName().hashCode(); }
        @Override public String toString() { return getClass().getSimpleName() + "(" + name + ")"; }
    }
    static class Dog extends Animal {
        Dog(String name) { super(name); }
        String sound() { return "woof"; }
    }
    static class Puppy extends Dog {
        Puppy(String name) { super(name); }
        @Override String sound() { return super.sound() + " (squeaky)"; }
        @Override String describe() { return "little " + super.describe(); }
    }
    static class Cat extends Animal {
        private final boolean grumpy;
        Cat(String name, boolean grumpy) { super(name); this.grumpy = grumpy; }
        String sound() { return grumpy ? "hiss" : "meow"; }
    }

    static String overload(Object o) { return "Object"; }
    static String overload(String s) { return "String"; }
    static String overload(Integer i) { return "Integer"; }
    static String overload(long l) { return "long"; }
    static String overload(int... many) { return "varargs"; }

    interface Visitor<R> { R visitNumber(int n); R visitText(String s); }
    interface Node { <R> R accept(Visitor<R> v); }
    static Node number(int n) { return new Node() { public <R> R accept(Visitor<R> v) { return v.visitNumber(n); } }; }
    static Node text(String s) { return new Node() { public <R> R accept(Visitor<R> v) { return v.visitText(s); } }; }

    public static void main(String[] args) {
        List<Animal> zoo = new ArrayList<>(List.of(new Dog("rex"), new Cat("tom", false), new Puppy("bit"), new Cat("grim", true), new Dog("ace")));
        for (Animal a : zoo) System.out.println(a.describe() + " | " + a + " | is Dog: " + (a instanceof Dog));
        Collections.sort(zoo);
        System.out.println("sorted " + zoo + " created " + Animal.created());
        System.out.println("equals " + new Dog("rex").equals(new Dog("rex")) + " " + new Dog("rex").equals(new Puppy("rex"))
                + " hash equal " + (new Dog("x").hashCode() == new Dog("x").hashCode()));
        Set<Animal> set = new HashSet<>(zoo);
        set.add(new Dog("rex"));
        System.out.println("set size " + set.size() + " contains " + set.contains(new Cat("tom", true)));
        Object o = "text";
        System.out.println("overloads " + overload(o) + " " + overload("s") + " " + overload(1) + " " + overload(1L) + " "
                + overload((short) 1) + " " + overload() + " " + overload(1, 2) + " " + overload((Object) 5));
        Visitor<String> printer = new Visitor<>() {
            public String visitNumber(int n) { return "#" + n; }
            public String visitText(String s) { return '"' + s + '"'; }
        };
        Visitor<Integer> sizer = new Visitor<>() {
            public Integer visitNumber(int n) { return Integer.toString(n).length(); }
            public Integer visitText(String s) { return s.length(); }
        };
        for (Node n : List.of(number(42), text("visitor"), number(-7))) {
            System.out.println(n.accept(printer) + " size " + n.accept(sizer));
        }
        Object[] objects = {new Dog("d"), "str", 12, 'c', 3.0, List.of(1), null}; // no identity hashes: they differ per run
        for (Object x : objects) {
            String kind = x == null ? "null" : x.getClass().getSimpleName();
            System.out.println("runtime type " + kind + " string " + String.valueOf(x).length());
        }
        StringBuilder sb = new StringBuilder();
        CharSequence cs = sb.append("builder as CharSequence");
        Appendable app = sb;
        try {
            app.append('!');
        } catch (java.io.IOException e) {
            throw new RuntimeException(e);
        }
        System.out.println(cs.length() + " " + cs.subSequence(0, 7) + " " + sb);
    }
}
