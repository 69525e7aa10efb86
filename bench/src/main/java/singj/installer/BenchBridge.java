package singj.installer;

import java.lang.classfile.ClassModel;
import java.util.Map;
import singj.installer.verify.TypeVerifier;

/**
 * The benchmark's way into the installer's verification of a program: a {@link TypeVerifier} over
 * the {@link ClassHierarchy} of the program's classes and the JDK, as {@link Installer} makes it for
 * each program it checks. It lives in the installer's package, from the bench module, because the
 * hierarchy is package-private there (as {@code FuzzBridge} does for the fuzzer).
 */
public final class BenchBridge {
    private BenchBridge() {}

    /** A verifier for one program, whose classes are {@code program} by internal name. */
    public static TypeVerifier verifierFor(Map<String, ClassModel> program) {
        return new TypeVerifier(new ClassHierarchy(program));
    }
}
