import java.nio.charset.spi.CharsetProvider;
import java.nio.file.spi.FileSystemProvider;
import java.util.Iterator;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.random.RandomGenerator;

/**
 * An attacker who has read ServiceCalls: its jar's META-INF/services files name a kernel class,
 * the SIP runtime's, the ABI's, another program's class, a JDK class, a thread, and a name that
 * climbs out of the table; and it asks for the JDK's own services, whose providers a plain
 * program would get. Nothing but its own provider is instantiated (a provider's constructor
 * prints OPEN), each other route finds nothing or is refused, and the SIP keeps running.
 */
public class LoadsOthersProviders {
    public interface Kernel {}
    public interface Runtime {}
    public interface Abi {}
    public interface OtherProgram {}
    public interface Jdk {}
    public interface Threads {}
    public interface Climbs {}
    public interface Mine {}

    public static class OwnPlugin implements Mine {}

    public static class ThreadPlugin extends Thread implements Threads {
        public ThreadPlugin() {
            System.out.println("OPEN a thread made by the service loader");
        }
    }

    static void attempt(String route, ServiceLoader<?> loader) {
        try {
            int found = 0;
            for (Iterator<?> it = loader.iterator(); it.hasNext(); found++) {
                System.out.println("OPEN " + route + ": " + it.next().getClass().getName());
            }
            if (found == 0) {
                System.out.println("finds nothing " + route);
            }
        } catch (ServiceConfigurationError refused) {
            System.out.println("refused " + route + ": " + refused.getMessage());
        }
    }

    public static void main(String[] args) {
        attempt("a kernel class", ServiceLoader.load(Kernel.class));
        attempt("the SIP runtime", ServiceLoader.load(Runtime.class));
        attempt("the ABI's class", ServiceLoader.load(Abi.class));
        attempt("another program's class", ServiceLoader.load(OtherProgram.class));
        attempt("a JDK class named as a provider", ServiceLoader.load(Jdk.class));
        attempt("a thread", ServiceLoader.load(Threads.class));
        attempt("a name out of the table", ServiceLoader.load(Climbs.class));
        attempt("the JDK's file system providers", ServiceLoader.load(FileSystemProvider.class));
        attempt("the JDK's charset providers", ServiceLoader.load(CharsetProvider.class));
        attempt("the JDK's random generators", ServiceLoader.load(RandomGenerator.class));
        attempt("the JDK's installed random generators", ServiceLoader.loadInstalled(RandomGenerator.class));
        attempt("through the JDK's loader", ServiceLoader.load(RandomGenerator.class, String.class.getClassLoader()));
        System.out.println("own provider still found: "
                + ServiceLoader.load(Mine.class).findFirst().map(p -> p.getClass().getSimpleName()).orElse("none"));
    }
}
