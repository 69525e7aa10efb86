import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

/**
 * A program with its own services, found as {@code java -jar} finds class-path providers: two
 * greeters in its jar and one in a library on its Class-Path ({@code OwnServices$Shouting}, moved
 * into {@code lib/plugins.jar} by the test, with its own {@code META-INF/services} file), every
 * way of reading a loader, its cache, and the errors of a bad configuration.
 */
public class OwnServices {
    /** Package access: the JDK checks it against the calling class, which may use it. */
    interface Greeter {
        String greet(String name);
    }

    public interface Unused {}

    public interface Broken {}

    public static class English implements Greeter {
        public String greet(String name) {
            return "Hello, " + name;
        }
    }

    public static class French implements Greeter {
        public String greet(String name) {
            return "Bonjour, " + name;
        }
    }

    public static class Shouting implements Greeter {
        public String greet(String name) {
            return "HEY " + name.toUpperCase();
        }
    }

    public static class NoDefaultConstructor implements Broken {
        public NoDefaultConstructor(int unused) {}
    }

    public static class Failing implements Broken {
        public Failing() {
            throw new IllegalStateException("cannot start");
        }
    }

    public static class NotABroken implements Greeter {
        public String greet(String name) {
            return name;
        }
    }

    public static void main(String[] args) {
        ServiceLoader<Greeter> loader = ServiceLoader.load(Greeter.class);
        System.out.println(loader);
        for (Greeter greeter : loader) {
            System.out.println(greeter.getClass().getSimpleName() + ": " + greeter.greet("world"));
        }

        List<String> types = ServiceLoader.load(Greeter.class, OwnServices.class.getClassLoader()).stream()
                .map(provider -> provider.type().getSimpleName()).collect(Collectors.toList());
        System.out.println("stream: " + types);
        System.out.println("stream, instantiated: " + ServiceLoader.load(Greeter.class).stream()
                .map(ServiceLoader.Provider::get).map(g -> g.greet("you")).collect(Collectors.joining(" / ")));
        System.out.println("through the context loader: " + ServiceLoader.load(Greeter.class,
                Thread.currentThread().getContextClassLoader()).findFirst().map(g -> g.greet("first")).orElse("none"));

        Greeter first = loader.iterator().next();
        System.out.println("cached: " + (first == loader.iterator().next()));
        loader.reload();
        System.out.println("after reload, a new one: " + (first != loader.iterator().next()));
        Iterator<Greeter> stale = loader.iterator();
        loader.reload();
        try {
            stale.hasNext();
            System.out.println("stale iterator still works");
        } catch (java.util.ConcurrentModificationException e) {
            System.out.println("stale iterator: ConcurrentModificationException");
        }

        StringBuilder each = new StringBuilder();
        loader.forEach(greeter -> each.append(greeter.getClass().getSimpleName()).append(' '));
        System.out.println("forEach: " + each.toString().trim());
        System.out.println("spliterator: " + java.util.stream.StreamSupport.stream(loader.spliterator(), false).count());

        ServiceLoader<Unused> none = ServiceLoader.load(Unused.class);
        System.out.println("no providers: " + none.iterator().hasNext() + " " + none.findFirst().isPresent()
                + " " + none.stream().count());
        Optional<Unused> installed = ServiceLoader.loadInstalled(Unused.class).findFirst();
        System.out.println("installed: " + installed.isPresent());

        Iterator<Broken> broken = ServiceLoader.load(Broken.class).iterator();
        for (int i = 0; i < 5; i++) {
            try {
                if (!broken.hasNext()) {
                    System.out.println("broken: end");
                    break;
                }
                System.out.println("broken: " + broken.next().getClass().getSimpleName());
            } catch (ServiceConfigurationError e) {
                System.out.println("broken: " + e.getMessage()
                        + (e.getCause() == null ? "" : " (" + e.getCause().getClass().getSimpleName() + ": "
                        + e.getCause().getMessage() + ")"));
            }
        }
    }
}
