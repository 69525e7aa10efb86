package singj.installer.verify;

import java.lang.classfile.ClassModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import singj.installer.Violation;

/**
 * The type-safety verifier: every method of every class, by abstract interpretation over the
 * instructions alone (never the StackMapTable, never the JVM's verifier). One instance serves one
 * program; it caches what it learns about the class hierarchy and about descriptors.
 */
public final class TypeVerifier {
    /**
     * Rules that mean parts of a class cannot even be read, or that the class cannot be loaded (its
     * supertypes may form a cycle, which no walk up the hierarchy should meet), so that other checks should skip it.
     */
    public static final Set<String> UNREADABLE_RULES = Set.of(Rules.CONSTANT_POOL, Rules.MALFORMED_CLASS, Rules.CLASS_HEADER);

    private final TypeHierarchy hierarchy;
    private final TypeMerger merger;
    /** Method descriptors read so far, by their text. */
    private final Map<String, Descriptors.MethodSig> signatures = new HashMap<>();
    private final List<IdentitySite> identitySites = new ArrayList<>();

    public TypeVerifier(TypeHierarchy hierarchy) {
        this.hierarchy = hierarchy;
        this.merger = new TypeMerger(hierarchy);
    }

    /**
     * Every format, class header and type-safety violation of one class file, in method and code order; empty
     * when it is well formed and type safe. {@code model} is {@code bytes} as the ClassFile API parsed them.
     */
    public List<Violation> verify(ClassModel model, byte[] bytes) {
        try {
            return verifyFormatThenTypes(model, bytes);
        } catch (RuntimeException | StackOverflowError e) {
            // never a stack trace for the user: the class is refused, and the message says whose fault it is
            return List.of(Violation.ofClass(Rules.MALFORMED_CLASS, "?", "the class cannot be verified (" + e + "); "
                    + VERIFIER_FAILED));
        }
    }

    /**
     * The identity operations (monitorenter, wait/notify, identityHashCode) of every class verified
     * so far, in class and code order, each with the type the walk inferred for its object.
     */
    public List<IdentitySite> identitySites() {
        return List.copyOf(identitySites);
    }

    /**
     * The class header violations of {@code model} alone (the JVM's load-time checks of its
     * supertypes), or its format's if its class file {@code bytes} is malformed.
     */
    public static List<Violation> header(ClassModel model, byte[] bytes, TypeHierarchy hierarchy) {
        ClassFormat.Result checked = ClassFormat.check(bytes);
        return checked.problems().isEmpty() ? ClassHeader.problems(model, checked, hierarchy) : malformed(model, checked);
    }

    /** Part of the message when the verifier itself failed on a class, which is a bug in the verifier. */
    public static final String VERIFIER_FAILED = "the verifier failed on it, which is a bug in SingJ";

    private List<Violation> verifyFormatThenTypes(ClassModel model, byte[] bytes) {
        ClassFormat.Result checked = ClassFormat.check(bytes);
        if (!checked.problems().isEmpty()) {
            return malformed(model, checked);
        }
        List<Violation> header = ClassHeader.problems(model, checked, hierarchy);
        if (!header.isEmpty()) {
            return header; // a class that cannot be loaded is not type-checked, as one that cannot be read
        }
        return verify(model, bytes, checked.methods(), checked.pool());
    }

    private static List<Violation> malformed(ClassModel model, ClassFormat.Result checked) {
        String name;
        try {
            name = model.thisClass().asInternalName().replace('/', '.');
        } catch (RuntimeException e) {
            name = "?";
        }
        String className = name;
        return checked.problems().stream().map(problem -> Violation.ofClass(Rules.MALFORMED_CLASS, className, problem)).toList();
    }

    /**
     * Every type-safety violation in {@code model}, in method and code order; empty when it is type
     * safe. The methods are the format check's, their code read from {@code bytes} where it found it.
     */
    private List<Violation> verify(ClassModel model, byte[] bytes, List<ClassFormat.Method> methods, Pool pool) {
        List<Violation> violations = new ArrayList<>();
        String className;
        ClassContext context;
        try {
            className = model.thisClass().asInternalName().replace('/', '.');
            context = new ClassContext(model, pool, merger, hierarchy, signatures);
        } catch (RuntimeException e) {
            violations.add(Violation.ofClass(Rules.MALFORMED_CLASS, "?", "the class header cannot be read: " + e));
            return violations;
        }
        for (ClassFormat.Method method : methods) {
            try {
                MethodVerifier.verify(context, method, bytes, violations, identitySites);
            } catch (RuntimeException | StackOverflowError e) {
                // a class file this broken is rejected, never allowed to crash the installer
                String where = pool.text(method.name()) + pool.text(method.descriptor());
                violations.add(new Violation(Rules.MALFORMED_CLASS, className, where, -1, -1,
                        "the method cannot be verified (" + e + "); " + VERIFIER_FAILED));
            }
        }
        return violations;
    }
}
