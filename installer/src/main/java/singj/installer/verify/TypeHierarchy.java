package singj.installer.verify;

import java.util.Optional;

/**
 * What the verifier needs to know about classes it does not verify itself: their superclass and
 * whether they are interfaces. The installer answers from the program's class files and the JDK.
 */
public interface TypeHierarchy {
    /**
     * @param name internal name ({@code java/lang/String})
     * @param superName internal name of the superclass, or null for {@code java/lang/Object}
     */
    record ClassShape(String name, String superName, boolean isInterface) {}

    /** The class {@code name} (an internal name, never an array), or empty if it is unknown. */
    Optional<ClassShape> shape(String name);

    /**
     * Whether the member that a reference to {@code owner.name} (with {@code descriptor}) resolves
     * to is {@code protected} (static or not; {@code <init>} resolves to a constructor), and the class
     * that declares it. Empty when not protected or unknown.
     */
    default Optional<String> protectedDeclarer(String owner, String name, String descriptor, boolean field) {
        return Optional.empty();
    }
}
