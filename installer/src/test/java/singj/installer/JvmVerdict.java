package singj.installer;

import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Optional;

/**
 * What the JVM's own verifier says about a class file: it is defined as a hidden class, which the
 * JVM links (and so verifies) at once without initialising it, so none of its code runs.
 * The class must be in the package of the lookup it is defined through.
 */
final class JvmVerdict {
    private JvmVerdict() {}

    /**
     * The error the JVM throws when it links class {@code name} of {@code classes} (internal names to
     * class files, in any packages) in a fresh class loader whose parent is the platform loader, or
     * empty if it accepts it. The classes it names are loaded from {@code classes} as the verifier
     * asks for them; asking for the class's methods links it without initialising it.
     */
    static Optional<Throwable> rejection(Map<String, byte[]> classes, String name) {
        try {
            Class.forName(name.replace('/', '.'), false, loader(classes)).getDeclaredMethods();
            return Optional.empty();
        } catch (LinkageError | ClassNotFoundException e) {
            return Optional.of(e);
        }
    }

    /** What initialising class {@code name} of {@code classes} throws (its static initialiser runs), or empty. */
    static Optional<Throwable> initialization(Map<String, byte[]> classes, String name) {
        try {
            Class.forName(name.replace('/', '.'), true, loader(classes));
            return Optional.empty();
        } catch (LinkageError | ClassNotFoundException e) {
            return Optional.of(e);
        }
    }

    private static ClassLoader loader(Map<String, byte[]> classes) {
        return new ClassLoader(ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String binaryName) throws ClassNotFoundException {
                byte[] bytes = classes.get(binaryName.replace('.', '/'));
                if (bytes == null) {
                    throw new ClassNotFoundException(binaryName);
                }
                return defineClass(binaryName, bytes, 0, bytes.length);
            }
        };
    }

    /** The error the JVM throws when it defines and links {@code bytes}, or empty if it accepts them. */
    static Optional<Throwable> rejection(MethodHandles.Lookup lookup, byte[] bytes) {
        try {
            lookup.defineHiddenClass(bytes, false);
            return Optional.empty();
        } catch (LinkageError | IllegalArgumentException | IllegalAccessException e) {
            return Optional.of(e);
        }
    }

    /**
     * The error the JVM throws when it links class {@code name} (binary name) of {@code classes},
     * defined under its own name in a fresh class loader that also defines the others on demand, or
     * empty if it accepts it. Unlike a hidden class, the class and those it names can be loaded by
     * name, as the JVM's type checker needs to when it compares them, so a NoClassDefFoundError
     * is a real answer and never stands in for a verdict.
     */
    static Optional<Throwable> rejectionInLoader(Map<String, byte[]> classes, String name) {
        ClassLoader loader = new ClassLoader("verdict", ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> findClass(String wanted) throws ClassNotFoundException {
                byte[] bytes = classes.get(wanted);
                if (bytes == null) {
                    throw new ClassNotFoundException(wanted);
                }
                return defineClass(wanted, bytes, 0, bytes.length);
            }
        };
        try {
            // reflecting on a class's methods links it, and so verifies it, without initialising it
            Class.forName(name, false, loader).getDeclaredMethods();
            return Optional.empty();
        } catch (LinkageError | ClassNotFoundException e) {
            return Optional.of(e);
        }
    }
}
