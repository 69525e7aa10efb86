package singj.installer.verify;

import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
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

    /** The class header violations of {@code model} alone (the JVM's load-time checks of its supertypes). */
    public static List<Violation> header(ClassModel model, TypeHierarchy hierarchy) {
        return ClassHeader.problems(model, hierarchy);
    }

    /** Part of the message when the verifier itself failed on a class, which is a bug in the verifier. */
    public static final String VERIFIER_FAILED = "the verifier failed on it, which is a bug in SingJ";

    private List<Violation> verifyFormatThenTypes(ClassModel model, byte[] bytes) {
        ClassFormat.Result checked = ClassFormat.check(bytes);
        List<String> format = checked.problems();
        if (!format.isEmpty()) {
            String name;
            try {
                name = model.thisClass().asInternalName().replace('/', '.');
            } catch (RuntimeException e) {
                name = "?";
            }
            String className = name;
            return format.stream().map(problem -> Violation.ofClass(Rules.MALFORMED_CLASS, className, problem)).toList();
        }
        List<Violation> header = ClassHeader.problems(model, hierarchy);
        if (!header.isEmpty()) {
            return header; // a class that cannot be loaded is not type-checked, as one that cannot be read
        }
        return verify(model, bytes, checked.methods(), checked.pool());
    }

    /**
     * Every type-safety violation in {@code model}, in method and code order; empty when it is type
     * safe. The code is read from {@code bytes}, where {@code codeLayouts} (the format check's) says it is.
     */
    private List<Violation> verify(ClassModel model, byte[] bytes, List<ClassFormat.CodeLayout> codeLayouts, Pool pool) {
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
        List<MethodModel> methods;
        try {
            methods = model.methods();
        } catch (RuntimeException e) {
            violations.add(Violation.ofClass(Rules.MALFORMED_CLASS, className, "the methods cannot be read: " + e));
            return violations;
        }
        for (int m = 0; m < methods.size(); m++) {
            MethodModel method = methods.get(m);
            try {
                MethodVerifier.verify(context, method, bytes, codeLayouts.get(m), violations, identitySites);
            } catch (RuntimeException | StackOverflowError e) {
                // a class file this broken is rejected, never allowed to crash the installer
                String where;
                try {
                    where = method.methodName().stringValue() + method.methodType().stringValue();
                } catch (RuntimeException unreadable) {
                    where = "?";
                }
                violations.add(new Violation(Rules.MALFORMED_CLASS, className, where, -1, -1,
                        "the method cannot be verified (" + e + "); " + VERIFIER_FAILED));
            }
        }
        return violations;
    }
}
