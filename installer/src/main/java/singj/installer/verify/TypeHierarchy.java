package singj.installer.verify;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What the verifier needs to know about classes it does not verify itself: their superclass and
 * whether they are interfaces, and for the class header what the JVM checks of a supertype when
 * it loads a class. The installer answers from the program's class files and the JDK.
 *
 * <p>It never answers a cycle: a class that is its own supertype, or whose supertypes reach one
 * that is, is unknown to {@link #shape} and {@link #header}, and named by {@link #cycle}. So every
 * walk up the hierarchy ends, and the class header check refuses the classes of the cycle.
 */
public interface TypeHierarchy {
    /**
     * @param name internal name ({@code java/lang/String})
     * @param superName internal name of the superclass, or null for {@code java/lang/Object}
     */
    record ClassShape(String name, String superName, boolean isInterface) {}

    /**
     * What the JVM checks of a class when another names it as its superclass or superinterface
     * (JVMS 5.3.5, 5.4.4 and the sealed and final-method rules of HotSpot's class loading).
     *
     * @param superName internal name of the superclass, or null for {@code java/lang/Object}
     * @param isPublic whether its class file flags say {@code ACC_PUBLIC}
     * @param exported whether its package is exported to every module (always for the program's own)
     * @param program whether the program defines it: then it shares the run-time package of every
     *        program class of the same package name
     * @param permittedSubclasses the classes its {@code PermittedSubclasses} lists when it is sealed
     *        (from class file version 61: the JVM ignores the attribute before), empty when it is not
     * @param finalMethods {@code name+descriptor} of its final instance methods that are public or
     *        protected (no subclass may override them)
     * @param packageFinalMethods the same for package-private ones (no subclass of its own run-time
     *        package may override them)
     */
    record Header(String name, String superName, boolean isInterface, boolean isFinal, boolean isPublic, boolean exported,
                  boolean program, Optional<Set<String>> permittedSubclasses, Set<String> finalMethods,
                  Set<String> packageFinalMethods) {}

    /** The class {@code name} (an internal name, never an array), or empty if it is unknown. */
    Optional<ClassShape> shape(String name);

    /** The header of class {@code name}, or empty if it is unknown (then nothing is checked against it). */
    default Optional<Header> header(String name) {
        return Optional.empty();
    }

    /**
     * The final methods that class {@code name} and its superclasses declare, as far as
     * {@link #header} knows them. An implementation should remember them per class (as
     * {@link InheritedFinals#of} does with its memo) so that a class's cost does not grow with its depth.
     */
    default InheritedFinals finals(String name) {
        return InheritedFinals.of(name, this::header, new java.util.HashMap<>());
    }

    /**
     * The cycle that the supertypes of {@code name} reach, as the classes along it with the first
     * repeated at the end ({@code [p/A, p/B, p/A]}), or empty if they reach none.
     */
    default List<String> cycle(String name) {
        return List.of();
    }

    /**
     * Whether the member that a reference to {@code owner.name} (with {@code descriptor}) resolves
     * to is {@code protected} (static or not; {@code <init>} resolves to a constructor), and the class
     * that declares it. Empty when not protected or unknown.
     */
    default Optional<String> protectedDeclarer(String owner, String name, String descriptor, boolean field) {
        return Optional.empty();
    }
}
