import java.util.*;

/** instanceof patterns and switch patterns over ordinary (non-sealed) types, null handling, primitives in records. */
public class Patterns {
    record Box(Object content) {}
    record Pair(Object left, Object right) {}

    static String classify(Object o) {
        return switch (o) {
            case null -> "null!";
            case Integer i when i > 100 -> "big int " + i;
            case Integer i -> "int " + i;
            case Long l -> "long " + l;
            case Double d -> "double " + d;
            case String s when s.isEmpty() -> "empty string";
            case String s -> "string of " + s.length() + ": " + s;
            case int[] arr -> "int array of " + arr.length;
            case Box(String s) -> "box of string " + s;
            case Box(Box(var inner)) -> "box in a box of " + inner;
            case Box(var anything) -> "box of " + anything;
            case Pair(Integer a, Integer b) -> "int pair summing to " + (a + b);
            case Pair(var a, var b) -> "pair " + a + " & " + b;
            case List<?> list when list.size() > 2 -> "long list " + list;
            case List<?> list -> "list " + list;
            case Enum<?> e -> "enum constant " + e.name();
            default -> "something else: " + o;
        };
    }

    static String oldStyle(Object o) {
        if (o instanceof String s && s.length() > 3) {
            return "long string " + s.toUpperCase(Locale.ROOT);
        } else if (o instanceof String s) {
            return "short string " + s;
        } else if (o instanceof Number n && !(o instanceof Integer)) {
            return "non-int number " + n.doubleValue();
        } else if (!(o instanceof CharSequence cs)) {
            return "not a char sequence: " + o;
        } else {
            return "char sequence of length " + cs.length();
        }
    }

    enum Color { RED, GREEN, BLUE }

    static int weight(Object o) {
        if (!(o instanceof Box(Integer i))) {
            return -1;
        }
        return i * 2;
    }

    public static void main(String[] args) {
        Object[] things = {null, 7, 1000, 5L, 2.5, "", "pattern", new int[3], new Box("s"), new Box(new Box(42)),
                new Box(3.0), new Pair(1, 2), new Pair("a", 'b'), List.of(1, 2, 3), List.of(), Color.GREEN,
                new StringBuilder("sb"), 'c'};
        for (Object o : things) {
            System.out.println(classify(o));
        }
        for (Object o : new Object[]{"abc", "abcdef", 3.5f, 12, new StringBuilder("hello"), List.of()}) {
            System.out.println(oldStyle(o));
        }
        System.out.println("weights " + weight(new Box(21)) + " " + weight(new Box("x")) + " " + weight("nope"));
        Color c = Color.BLUE;
        String mood = switch (c) {
            case RED -> "angry";
            case GREEN -> "calm";
            case BLUE -> "sad";
        };
        System.out.println(c + " is " + mood);
        Object value = 42;
        if (value instanceof Integer n && n % 2 == 0) {
            System.out.println("even integer " + n);
        }
        CharSequence seq = "text";
        switch (seq) {
            case String s when s.startsWith("t") -> System.out.println("starts with t: " + s);
            case String s -> System.out.println("other string " + s);
            default -> System.out.println("not a string");
        }
    }
}
