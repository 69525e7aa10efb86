package singj.installer;

import java.lang.invoke.MethodHandles;
import java.util.Optional;

/**
 * What the JVM's own verifier says about a class file: it is defined as a hidden class, which the
 * JVM links (and so verifies) at once without initialising it, so none of its code runs.
 * The class must be in the package of the lookup it is defined through.
 */
final class JvmVerdict {
    private JvmVerdict() {}

    /** The error the JVM throws when it defines and links {@code bytes}, or empty if it accepts them. */
    static Optional<Throwable> rejection(MethodHandles.Lookup lookup, byte[] bytes) {
        try {
            lookup.defineHiddenClass(bytes, false);
            return Optional.empty();
        } catch (LinkageError | IllegalArgumentException | IllegalAccessException e) {
            return Optional.of(e);
        }
    }
}
