package singj.installer;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.MethodHandleEntry;
import java.lang.classfile.constantpool.MethodTypeEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.constant.ClassDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import singj.installer.surface.JdkSurface;
/**
 * The sealing rules of a SIP, checked over every instruction of every method before anything is
 * installed: only allow-listed JDK APIs (each use resolved to the member it really reaches), no
 * native methods, {@code invokedynamic} only with the bootstraps and static arguments javac emits
 * for ordinary code ({@link BootstrapArguments}), no method handle, method type or dynamic
 * constant loaded by {@code ldc}, and no handle that would reach a redirected JDK member past its
 * redirect. Every violation is reported, not just the first. (Identity operations on objects other
 * SIPs can hold are judged by their types: {@link IdentityOperations}.)
 */
final class SipRules {
    private static final List<String> RESERVED_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "singj.abi.");

    private final Allowlist allowlist;
    private final JdkSurface surface;
    private final ClassHierarchy hierarchy;
    private final Reachability.Reached reached;
    private final List<Violation> violations = new ArrayList<>();
    /** The instruction index of each violation found at a call or a field access (see {@link Checked}). */
    private final Map<Violation, Integer> sites = new java.util.HashMap<>();

    /**
     * The violations, and the instruction index (in its method's code) of those found at a call
     * or a field access: uses that the sealer can replace by a throw, as it does for a library's.
     */
    record Checked(List<Violation> violations, Map<Violation, Integer> sites) {}

    private SipRules(Allowlist allowlist, JdkSurface surface, ClassHierarchy hierarchy, Reachability.Reached reached) {
        this.allowlist = allowlist;
        this.surface = surface;
        this.hierarchy = hierarchy;
        this.reached = reached;
    }

    /**
     * Checks the classes and the code of a program that {@code reached} says can run (see
     * {@link Reachability}: the rest is dropped); returns the violations, in class and code order.
     */
    static Checked check(Map<String, ClassModel> classes, ClassHierarchy hierarchy, Allowlist allowlist,
                         JdkSurface surface, Reachability.Reached reached) {
        SipRules rules = new SipRules(allowlist, surface, hierarchy, reached);
        for (ClassModel model : classes.values()) {
            rules.checkClass(model);
        }
        return new Checked(List.copyOf(rules.violations), Map.copyOf(rules.sites));
    }

    private void checkClass(ClassModel model) {
        String name = binary(model.thisClass().asInternalName());
        if (RESERVED_PACKAGES.stream().anyMatch(name::startsWith)) {
            violations.add(Violation.ofClass("reserved-package", name,
                    "a program cannot define classes in the JDK's or SingJ's ABI packages"));
        }
        if (reached.classes().contains(model.thisClass().asInternalName())) { // no instance of another can exist
            model.superclass().ifPresent(s -> checkSupertype(name, s));
            model.interfaces().forEach(i -> checkSupertype(name, i));
        }
        for (MethodModel method : model.methods()) {
            if (!reached.reaches(model.thisClass().asInternalName(), method)) {
                continue; // it never runs: the sealer drops its body
            }
            String where = method.methodName().stringValue() + method.methodType().stringValue();
            if (method.flags().has(AccessFlag.NATIVE)) {
                violations.add(new Violation("native-code", name, where, -1, -1,
                        "native methods are not allowed in a SIP (they run outside the JVM's safety)"));
            }
            if (where.equals("finalize()V") && !method.flags().has(AccessFlag.STATIC)) {
                violations.add(new Violation("finalizer", name, where, -1, -1,
                        "finalize() would run on the JVM's finalizer thread, which every SIP shares; "
                                + "release resources explicitly (try-with-resources)"));
            }
            method.code().ifPresent(code -> checkCode(name, where, code));
        }
    }

    private void checkSupertype(String className, ClassEntry supertype) {
        String internal = supertype.asInternalName();
        if (hierarchy.isProgramClass(internal)) {
            return;
        }
        if (hierarchy.info(internal).isEmpty()) {
            violations.add(Violation.ofClass("missing-class", className,
                    binary(internal) + " (its supertype) is neither in the program nor in the JDK"));
            return;
        }
        if (FileConstructors.replaced(internal)) {
            violations.add(Violation.ofClass("host-io", className, "extends " + binary(internal)
                    + ": a SIP's " + binary(internal) + " is SingJ's, over its granted directories, and a subclass's "
                    + "super(...) would open a host file; wrap one instead of extending it"));
            return;
        }
        Allowlist.Decision decision = allowlist.decideClass(binary(internal));
        if (!decision.allowed()) {
            violations.add(Violation.ofClass(decision.rule(), className,
                    "extends or implements " + binary(internal) + ": " + decision.reason()));
        }
    }

    private void checkCode(String className, String method, CodeModel code) {
        int offset = 0;
        int line = -1;
        int index = 0;
        for (CodeElement element : code) {
            if (element instanceof LineNumber number) {
                line = number.line();
                continue;
            }
            if (!(element instanceof Instruction instruction)) {
                continue;
            }
            Where where = new Where(className, method, offset, line);
            int before = violations.size();
            switch (instruction) {
                case InvokeInstruction invoke -> checkMember(invoke.owner().asInternalName(), invoke.name().stringValue(),
                        invoke.type().stringValue(), true, where);
                case FieldInstruction field -> checkMember(field.owner().asInternalName(), field.name().stringValue(),
                        field.type().stringValue(), false, where);
                case InvokeDynamicInstruction indy -> checkIndy(indy, where);
                case ConstantInstruction.LoadConstantInstruction ldc -> checkConstant(ldc, where);
                default -> { }
            }
            if (instruction instanceof InvokeInstruction || instruction instanceof FieldInstruction) {
                for (Violation found : violations.subList(before, violations.size())) {
                    sites.put(found, index);
                }
            }
            offset += instruction.sizeInBytes();
            index++;
        }
    }

    private record Where(String className, String method, int offset, int line) {
        Violation violation(String rule, String message) {
            return new Violation(rule, className, method, offset, line, message);
        }
    }

    /** Checks a use of a member that is not the program's own against the allowlist; whether it passed. */
    private boolean checkMember(String owner, String name, String descriptor, boolean method, Where where) {
        if (hierarchy.info(owner.startsWith("[") ? "java/lang/Object" : owner).isEmpty()) {
            violations.add(where.violation("missing-class",
                    binary(owner) + " is neither in the program nor in the JDK"));
            return false;
        }
        var declaring = method ? hierarchy.resolveMethod(owner, name, descriptor) : hierarchy.resolveField(owner, name);
        if (declaring.isPresent() && declaring.get().program()) {
            return true;
        }
        String declaringName = declaring.map(ClassHierarchy.Info::name).orElse(owner);
        Allowlist.Decision decision = allowlist.decide(binary(declaringName), name, method ? descriptor : "");
        String member = binary(declaringName) + "." + name;
        if (!decision.allowed()) {
            violations.add(where.violation(decision.rule(), member + ": " + decision.reason()));
            return false;
        } else if (declaring.isEmpty()) {
            violations.add(where.violation("missing-member", member + (method ? descriptor : "")
                    + " does not exist in this JDK"));
            return false;
        }
        // the allowlist admits the package; the proven surface says whether this member stays inside the SIP
        Optional<JdkSurface.Denial> proven = method
                && Redirects.method(hierarchy, owner, declaringName, name, descriptor).isEmpty()
                && !(name.equals("<init>") && FileConstructors.rewrites(declaringName, descriptor))
                ? surface.denial(declaringName, name, descriptor).filter(denial -> !decision.trusts(denial.rule()))
                : Optional.empty();
        if (proven.isPresent()) {
            violations.add(where.violation(proven.get().rule(), member + descriptor + " " + proven.get().reason()));
            return false;
        }
        return true;
    }

    private void checkIndy(InvokeDynamicInstruction indy, Where where) {
        var findings = BootstrapArguments.check(indy.invokedynamic());
        for (String problem : findings.problems()) {
            violations.add(where.violation("invokedynamic", problem));
        }
        for (DirectMethodHandleDesc reference : findings.references()) {
            checkMethodReference(reference, where);
        }
        for (var constant : findings.enumConstants()) { // the label reads it as getstatic would
            checkMember(constant.owner(), constant.name(), "", false, where);
        }
    }

    /**
     * A lambda body, a method reference or a record component's getter: it may reach what a call
     * (or a field read) may reach, nothing more; and a redirected member only where the sealer
     * redirects the handle too.
     */
    private void checkMethodReference(DirectMethodHandleDesc handle, Where where) {
        String owner = internal(handle.owner());
        boolean field = switch (handle.kind()) {
            case GETTER, SETTER, STATIC_GETTER, STATIC_SETTER -> true;
            default -> false;
        };
        if (handle.kind() == DirectMethodHandleDesc.Kind.CONSTRUCTOR
                && (hierarchy.isSubtype(owner, "java/lang/Thread")
                    || hierarchy.isSubtype(owner, "java/util/concurrent/ExecutorService"))) {
            violations.add(where.violation("threads", "a constructor reference to " + binary(owner)
                    + " creates threads the kernel cannot see; write a lambda instead"));
            return;
        }
        if (handle.kind() == DirectMethodHandleDesc.Kind.CONSTRUCTOR
                && FileConstructors.rewrites(owner, handle.lookupDescriptor())) {
            violations.add(where.violation("host-io", "a constructor reference to " + binary(owner)
                    + " would open a host file: SingJ gives a SIP its own only where the constructor is called; "
                    + "write a lambda instead"));
            return;
        }
        if (checkMember(owner, handle.methodName(), field ? "" : handle.lookupDescriptor(), !field, where)
                && !Redirects.rewritesHandle(handle.kind()) && Redirects.ofHandle(hierarchy, handle).isPresent()) {
            violations.add(where.violation("method-handles", binary(owner) + "." + handle.methodName()
                    + ": a " + handle.kind() + " handle would reach the JVM's own, not the SIP's: SingJ redirects it only "
                    + "where it is called or read, or named by a method reference of the kinds javac makes"));
        }
    }

    private void checkConstant(ConstantInstruction.LoadConstantInstruction ldc, Where where) {
        // javac loads none of these for ordinary code; a dynamic constant would run its bootstrap
        switch (ldc.constantEntry()) {
            case MethodHandleEntry handle -> violations.add(where.violation("method-handles",
                    "a method handle constant (" + BootstrapArguments.describe(handle) + ") is not allowed in a SIP"));
            case MethodTypeEntry type -> violations.add(where.violation("method-handles",
                    "a method type constant (" + BootstrapArguments.describe(type) + ") is not allowed in a SIP"));
            case ConstantDynamicEntry dynamic -> violations.add(where.violation("invokedynamic",
                    BootstrapArguments.describe(dynamic) + ": dynamic constants are not allowed in ldc in a SIP "
                            + "(javac emits none for ordinary code)"));
            default -> { }
        }
    }

    static String binary(String internalName) {
        return internalName.replace('/', '.');
    }

    private static String internal(ClassDesc desc) {
        String descriptor = desc.descriptorString();
        return descriptor.startsWith("L") ? descriptor.substring(1, descriptor.length() - 1) : descriptor;
    }
}
