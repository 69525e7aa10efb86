package singj.abi.runtime;

import java.util.List;
import java.util.Set;

/**
 * Objects that more than one SIP can reach although no SIP created them: string literals and
 * interned strings, {@code Class} objects (but those of the SIP's own classes), boxes from the
 * JDK's caches, the JDK's enum constants and immutable singletons, and messages of contracts (one
 * object on both ends of a channel). Locking one, waiting on it or reading its identity hash would let
 * SIPs interfere with each other, so sealed code may not.
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
        return SHARED_JDK_CLASS_PREFIXES.stream().anyMatch(name::startsWith);
    }
}
