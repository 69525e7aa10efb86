import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/** toString, hashCode and equals called through interface types, which do not all declare them. */
public class ObjectMethodsThroughInterfaces {
    interface Shape {
        double area();
    }

    record Square(double side) implements Shape {
        public double area() {
            return side * side;
        }
    }

    static final class Labelled implements Shape {
        public double area() {
            return 1;
        }

        @Override
        public String toString() {
            return "a labelled shape";
        }
    }

    public static void main(String[] args) {
        List<Integer> list = new ArrayList<>(List.of(3, 1, 2));
        System.out.println(list.toString());
        System.out.println(list.hashCode() + " " + list.equals(List.of(3, 1, 2)));
        Map<String, Integer> map = new LinkedHashMap<>();
        map.put("a", 1);
        map.put("b", 2);
        System.out.println(map.toString() + " " + map.hashCode() + " " + map.equals(Map.of("a", 1, "b", 2)));
        Set<String> set = new TreeSet<>(Set.of("y", "x"));
        System.out.println(set.toString() + " " + set.equals(Set.of("x", "y")));
        Deque<String> deque = new ArrayDeque<>(List.of("first", "last"));
        System.out.println(deque.toString());
        Iterable<Integer> iterable = list;
        System.out.println(iterable.toString());
        Iterator<Integer> iterator = list.iterator();
        System.out.println(iterator.equals(iterator));
        CharSequence text = new StringBuilder("built");
        System.out.println(text.toString() + " " + text.equals(text));
        Comparator<String> byLength = Comparator.comparing(String::length);
        System.out.println(byLength.equals(byLength) + " " + (byLength.hashCode() == byLength.hashCode()));
        Function<String, String> upper = String::toUpperCase;
        System.out.println(upper.equals(upper));
        Shape square = new Square(2);
        Shape labelled = new Labelled();
        System.out.println(square.toString() + " " + square.hashCode() + " " + square.equals(new Square(2)));
        System.out.println(labelled.toString() + " " + labelled.equals(square));
        List<Shape> shapes = List.of(square, labelled);
        System.out.println(shapes.toString());
    }
}
