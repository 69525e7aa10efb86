package singj.abi.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

/**
 * Objects that more than one SIP can reach although no SIP created them: string literals and
 * interned strings, {@code Class} objects (but those of the SIP's own classes), boxes from the
 * JDK's caches, the JDK's enum constants and immutable collections, every instance of a JDK class
 * the JDK keeps in a static field ({@code Runtime.getRuntime()}, {@code Collections.reverseOrder()},
 * a {@code Charset}: the list {@code jdk-FEATURE.shared} that {@code singj jdk-surface} derives from
 * the JDK's code), and messages of contracts (one object on both ends of a channel). Locking one,
 * waiting on it or reading its identity hash would let SIPs interfere with each other, so sealed
 * code may not.
 */
public final class SharedObjects {
    private static final ClassValue<Boolean> SHARED_CLASSES = new ClassValue<>() {
        @Override
        protected Boolean computeValue(Class<?> type) {
            return isSharedClass(type);
        }
    };
    /** Types whose every instance may be shared: strings may be interned, boxes cached, Class objects are global. */
    public static final Set<Class<?>> ALWAYS_SHARED = Set.of(String.class, Class.class, Boolean.class, Character.class,
            Byte.class, Short.class, Integer.class, Long.class, Float.class, Double.class);
    private static final List<String> SHARED_JDK_CLASS_PREFIXES = List.of(
            "java.util.ImmutableCollections$", "java.util.Collections$Empty",
            "java.util.Collections$Unmodifiable", "java.util.Optional");

    /** Binary names of the JDK classes whose instances the JDK keeps in static fields (read once). */
    private static final class KeptInStatics {
        static final Set<String> NAMES = read();

        private static Set<String> read() {
            String resource = "jdk-" + Runtime.version().feature() + ".shared";
            try (InputStream in = SharedObjects.class.getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IllegalStateException("the SIP runtime has no list of shared JDK classes for this JDK ("
                            + resource + "); generate it with singj jdk-surface --shared");
                }
                return Set.copyOf(new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                        .filter(line -> !line.isBlank() && !line.startsWith("#")).toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private SharedObjects() {}

    public static boolean isShared(Object object) {
        if (object instanceof Class<?> type) {
            return !(type.getClassLoader() instanceof PrivateClassLoader);
        }
        return SHARED_CLASSES.get(object.getClass());
    }

    public static String describe(Object object) {
        Class<?> type = object.getClass();
        if (object instanceof Class<?> c) {
            return "the Class object of " + c.getName();
        }
        return "a " + type.getName() + (type == String.class ? " (strings may be interned)" : "");
    }

    private static boolean isSharedClass(Class<?> type) {
        if (ALWAYS_SHARED.contains(type)) {
            return true;
        }
        if (type.getClassLoader() instanceof SharedClassLoader) {
            return true;
        }
        boolean jdkClass = type.getClassLoader() == null || type.getClassLoader() == ClassLoader.getPlatformClassLoader();
        if (!jdkClass) {
            return false;
        }
        if (Enum.class.isAssignableFrom(type)) {
            return true;
        }
        String name = type.getName();
        return KeptInStatics.NAMES.contains(name) || SHARED_JDK_CLASS_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
