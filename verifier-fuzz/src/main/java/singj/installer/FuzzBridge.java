package singj.installer;

import java.lang.classfile.ClassModel;
import java.util.List;
import java.util.Map;
import singj.installer.verify.TypeVerifier;

/**
 * The fuzzer's way into the installer's own verification of one class: the format and type checks
 * exactly as {@link Installer} runs them, against a {@link ClassHierarchy} of the whole program and
 * the JDK, without the SIP rules (which judge what a program may call, not whether it is type-safe).
 * It lives in the installer's package, from the fuzzer's module, because the hierarchy is
 * package-private there and the fuzzer is no reason to widen the installer's API.
 */
public final class FuzzBridge {
    private FuzzBridge() {}

    /**
     * Every violation the verifier finds in {@code model} ({@code bytes} parsed), when the program's
     * classes are {@code program} (internal names; it must answer {@code get} and {@code containsKey}).
     */
    public static List<Violation> verify(Map<String, ClassModel> program, ClassModel model, byte[] bytes) {
        return new TypeVerifier(new ClassHierarchy(program)).verify(model, bytes);
    }

    /**
     * The class header violations of {@code model} in {@code program}: what the installer, which checks
     * every class of a program, would say of a class the mutant is a supertype of ({@code bytes}, its class file).
     */
    public static List<Violation> header(Map<String, ClassModel> program, ClassModel model, byte[] bytes) {
        return TypeVerifier.header(model, bytes, new ClassHierarchy(program));
    }
}
