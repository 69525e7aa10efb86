import java.util.*;
import java.util.function.*;

/** Generic classes and methods, bounds and wildcards. */
public class Generics {
    static final class Box<T> {
        private T value;
        Box(T value) { this.value = value; }
        T get() { return value; }
        void set(T value) { this.value = value; }
        <R> Box<R> map(Function<? super T, ? extends R> f) { return new Box<>(f.apply(value)); }
        @Override public String toString() { return "Box(" + value + ")"; }
    }

    record Pair<A, B>(A first, B second) {
        <C> Pair<A, C> withSecond(C c) { return new Pair<>(first, c); }
        Pair<B, A> swap() { return new Pair<>(second, first); }
    }

    interface Stack<E> extends Iterable<E> {
        void push(E e);
        E pop();
        boolean isEmpty();
    }

    static final class ArrayStack<E> implements Stack<E> {
        private Object[] items = new Object[2];
        private int size;
        public void push(E e) {
            if (size == items.length) items = Arrays.copyOf(items, size * 2);
            items[size++] = e;
        }
        @SuppressWarnings("unchecked")
        public E pop() {
            if (size == 0) throw new NoSuchElementException("empty stack");
            E e = (E) items[--size];
            items[size] = null;
            return e;
        }
        public boolean isEmpty() { return size == 0; }
        public Iterator<E> iterator() {
            return new Iterator<>() {
                int i = size;
                public boolean hasNext() { return i > 0; }
                @SuppressWarnings("unchecked") public E next() { return (E) items[--i]; }
            };
        }
    }

    static <T extends Comparable<? super T>> T max(Collection<? extends T> items) {
        Iterator<? extends T> it = items.iterator();
        T best = it.next();
        while (it.hasNext()) {
            T next = it.next();
            if (next.compareTo(best) > 0) best = next;
        }
        return best;
    }

    static double sum(List<? extends Number> numbers) {
        double total = 0;
        for (Number n : numbers) total += n.doubleValue();
        return total;
    }

    static void fill(List<? super Integer> sink, int n) {
        for (int i = 0; i < n; i++) sink.add(i);
    }

    @SafeVarargs
    static <T> List<T> listOf(T... items) {
        return new ArrayList<>(Arrays.asList(items));
    }

    static <K, V extends Comparable<V>> K argMax(Map<K, V> map) {
        K best = null;
        V bestValue = null;
        for (Map.Entry<K, V> e : map.entrySet()) {
            if (bestValue == null || e.getValue().compareTo(bestValue) > 0) {
                best = e.getKey();
                bestValue = e.getValue();
            }
        }
        return best;
    }

    public static void main(String[] args) {
        Box<String> box = new Box<>("generic");
        Box<Integer> length = box.map(String::length);
        System.out.println(box + " -> " + length + " -> " + length.map(n -> n * n));
        box.set("changed");
        System.out.println("box now " + box.get());

        Pair<String, Integer> pair = new Pair<>("answer", 42);
        System.out.println(pair + " swap " + pair.swap() + " with " + pair.withSecond(List.of('x', 'y')));

        Stack<String> stack = new ArrayStack<>();
        for (String s : "to be or not to be".split(" ")) stack.push(s);
        StringBuilder sb = new StringBuilder();
        for (String s : stack) sb.append(s).append(',');
        System.out.println("iterated: " + sb);
        while (!stack.isEmpty()) System.out.print(stack.pop() + " ");
        System.out.println();
        try {
            stack.pop();
        } catch (NoSuchElementException e) {
            System.out.println("caught " + e.getMessage());
        }

        System.out.println("max of strings: " + max(List.of("kiwi", "apple", "zucchini", "melon")));
        System.out.println("max of ints: " + max(Set.of(3, 99, -4, 12)));
        System.out.println("sum ints=" + sum(List.of(1, 2, 3)) + " doubles=" + sum(List.of(1.5, 2.25)));
        List<Number> sink = new ArrayList<>();
        fill(sink, 5);
        List<Object> objects = new ArrayList<>(List.of("start"));
        fill(objects, 3);
        System.out.println("filled " + sink + " and " + objects);
        List<Character> chars = listOf('a', 'b', 'c');
        chars.add('d');
        System.out.println("varargs list " + chars);

        Map<String, Double> scores = new TreeMap<>(Map.of("ann", 71.5, "bob", 88.0, "cid", 64.25));
        System.out.println("argMax " + argMax(scores));

        BiFunction<Integer, Integer, Integer> add = Integer::sum;
        Function<Integer, Function<Integer, Integer>> curried = a -> b -> a * b;
        System.out.println("add=" + add.apply(20, 22) + " curried=" + curried.apply(6).apply(7));
        Supplier<List<String>> factory = ArrayList::new;
        List<String> fresh = factory.get();
        fresh.add("made by supplier");
        System.out.println(fresh);
        Map<Boolean, List<Integer>> byParity = new TreeMap<>();
        for (int i = 1; i <= 8; i++) byParity.computeIfAbsent(i % 2 == 0, k -> new ArrayList<>()).add(i);
        System.out.println("by parity " + byParity);
    }
}
