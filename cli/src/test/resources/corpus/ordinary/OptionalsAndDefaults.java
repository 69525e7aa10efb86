import java.util.*;
import java.util.function.*;

/** Optional in all its forms, and interfaces with default, static and private methods. */
public class OptionalsAndDefaults {
    interface Greeter {
        String name();
        default String greet() { return prefix() + ", " + name() + suffix(); }
        default String suffix() { return "!"; }
        private String prefix() { return "Hello"; }
        static Greeter of(String name) { return () -> name; }
    }

    interface Loud extends Greeter {
        @Override default String suffix() { return "!!!"; }
    }

    interface Polite {
        default String greet() { return "Good day"; }
    }

    static final class Diplomat implements Greeter, Polite {
        public String name() { return "Ambassador"; }
        @Override public String greet() { return Polite.super.greet() + " / " + Greeter.super.greet(); }
    }

    record User(String name, String email, Integer age) {
        Optional<String> maybeEmail() { return Optional.ofNullable(email); }
    }

    static Optional<User> find(List<User> users, String name) {
        return users.stream().filter(u -> u.name().equals(name)).findFirst();
    }

    public static void main(String[] args) {
        List<User> users = List.of(new User("ann", "ann@example.org", 33), new User("bob", null, null), new User("cy", "cy@x.io", 71));
        for (String name : List.of("ann", "bob", "cy", "dee")) {
            Optional<User> user = find(users, name);
            String email = user.flatMap(User::maybeEmail).map(e -> e.toUpperCase(Locale.ROOT)).orElse("<no email>");
            int age = user.map(User::age).orElse(-1);
            System.out.println(name + ": present=" + user.isPresent() + " email=" + email + " age=" + age
                    + " empty=" + user.isEmpty() + " filter(age>50)=" + user.filter(u -> u.age() != null && u.age() > 50).isPresent());
        }
        Optional<String> empty = Optional.empty();
        System.out.println(empty + " " + Optional.of("x") + " " + empty.or(() -> Optional.of("fallback")).get()
                + " " + empty.orElseGet(() -> "lazy") + " " + Optional.of("s").stream().toList());
        try {
            empty.orElseThrow();
        } catch (NoSuchElementException e) {
            System.out.println("orElseThrow: " + e.getMessage());
        }
        try {
            empty.orElseThrow(() -> new IllegalStateException("custom supplier"));
        } catch (IllegalStateException e) {
            System.out.println("orElseThrow(supplier): " + e.getMessage());
        }
        Optional.of(5).ifPresentOrElse(v -> System.out.println("value " + v), () -> System.out.println("none"));
        empty.ifPresentOrElse(v -> System.out.println("value " + v), () -> System.out.println("none"));
        OptionalInt max = OptionalInt.of(9);
        OptionalDouble none = OptionalDouble.empty();
        System.out.println("primitive " + max + " " + max.getAsInt() + " " + none + " " + none.orElse(1.5) + " " + OptionalLong.of(3L));
        System.out.println("equality " + Optional.of("a").equals(Optional.of("a")) + " hash " + Optional.of("a").hashCode()
                + " " + Optional.empty().hashCode());

        Greeter plain = Greeter.of("World");
        Loud loud = () -> "Everyone";
        System.out.println(plain.greet() + " | " + loud.greet() + " | " + new Diplomat().greet());
        Greeter anon = new Greeter() {
            public String name() { return "Anonymous"; }
            @Override public String suffix() { return "?"; }
        };
        System.out.println(anon.greet());
        Function<Integer, Optional<Integer>> half = i -> i % 2 == 0 ? Optional.of(i / 2) : Optional.empty();
        for (int start : new int[]{64, 12, 7}) {
            Optional<Integer> o = Optional.of(start);
            StringBuilder path = new StringBuilder().append(start);
            for (int step = 0; step < 4; step++) {
                o = o.flatMap(half);
                path.append(" -> ").append(o.map(String::valueOf).orElse("empty"));
            }
            System.out.println(path);
        }
        Comparator<String> cmp = Comparator.naturalOrder();
        System.out.println("default reversed() " + cmp.reversed().compare("a", "b") + " Map.getOrDefault "
                + Map.of("k", 1).getOrDefault("z", 0) + " Iterable.forEach and Collection.removeIf:");
        List<Integer> nums = new ArrayList<>(List.of(1, 2, 3, 4, 5, 6));
        nums.removeIf(n -> n % 3 == 0);
        nums.replaceAll(n -> n * 100);
        nums.forEach(n -> System.out.print(n + " "));
        System.out.println();
    }
}
