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
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The sealing rules of a SIP, checked over every instruction of every method before anything is
 * installed: only allow-listed JDK APIs (each use resolved to the member it really reaches), no
 * native methods, {@code invokedynamic} only with the bootstraps javac emits for ordinary code.
 * Every violation is reported, not just the first. (Identity operations on objects other SIPs can
 * hold are judged by their types: {@link IdentityOperations}.)
 */
final class SipRules {
    /** The bootstrap methods javac emits for ordinary Java (owner.name). */
    private static final Set<String> ALLOWED_BOOTSTRAPS = Set.of(
            "java/lang/invoke/LambdaMetafactory.metafactory",
            "java/lang/invoke/LambdaMetafactory.altMetafactory",
            "java/lang/invoke/StringConcatFactory.makeConcatWithConstants",
            "java/lang/invoke/StringConcatFactory.makeConcat",
            "java/lang/runtime/ObjectMethods.bootstrap",
            "java/lang/runtime/SwitchBootstraps.typeSwitch",
            "java/lang/runtime/SwitchBootstraps.enumSwitch");
    /** Bootstraps of constants javac emits inside the arguments of the ones above. */
    private static final Set<String> ALLOWED_CONSTANT_BOOTSTRAPS = Set.of(
            "java/lang/invoke/ConstantBootstraps.invoke",
            "java/lang/invoke/ConstantBootstraps.enumConstant",
            "java/lang/invoke/ConstantBootstraps.nullConstant",
            "java/lang/invoke/ConstantBootstraps.primitiveClass",
            "java/lang/invoke/ConstantBootstraps.explicitCast");

    private static final List<String> RESERVED_PACKAGES = List.of("java.", "javax.", "jdk.", "sun.", "singj.abi.");

    private final Allowlist allowlist;
    private final ClassHierarchy hierarchy;
    private final Reachability.Reached reached;
    private final List<Violation> violations = new ArrayList<>();

    private SipRules(Allowlist allowlist, ClassHierarchy hierarchy, Reachability.Reached reached) {
        this.allowlist = allowlist;
        this.hierarchy = hierarchy;
        this.reached = reached;
    }

    /**
     * Checks the classes and the code of a program that {@code reached} says can run (see
     * {@link Reachability}: the rest is dropped); returns the violations, in class and code order.
     */
    static List<Violation> check(Map<String, ClassModel> classes, ClassHierarchy hierarchy, Allowlist allowlist,
                                 Reachability.Reached reached) {
        SipRules rules = new SipRules(allowlist, hierarchy, reached);
        for (ClassModel model : classes.values()) {
            rules.checkClass(model);
        }
        return List.copyOf(rules.violations);
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
        Allowlist.Decision decision = allowlist.decideClass(binary(internal));
        if (!decision.allowed()) {
            violations.add(Violation.ofClass(decision.rule(), className,
                    "extends or implements " + binary(internal) + ": " + decision.reason()));
        }
    }

    private void checkCode(String className, String method, CodeModel code) {
        int offset = 0;
        int line = -1;
        for (CodeElement element : code) {
            if (element instanceof LineNumber number) {
                line = number.line();
                continue;
            }
            if (!(element instanceof Instruction instruction)) {
                continue;
            }
            Where where = new Where(className, method, offset, line);
            switch (instruction) {
                case InvokeInstruction invoke -> checkMember(invoke.owner().asInternalName(), invoke.name().stringValue(),
                        invoke.type().stringValue(), true, where);
                case FieldInstruction field -> checkMember(field.owner().asInternalName(), field.name().stringValue(),
                        field.type().stringValue(), false, where);
                case InvokeDynamicInstruction indy -> checkIndy(indy, where);
                case ConstantInstruction.LoadConstantInstruction ldc -> checkConstant(ldc, where);
                default -> { }
            }
            offset += instruction.sizeInBytes();
        }
    }

    private record Where(String className, String method, int offset, int line) {
        Violation violation(String rule, String message) {
            return new Violation(rule, className, method, offset, line, message);
        }
    }

    /** Checks a use of a member that is not the program's own against the allowlist. */
    private void checkMember(String owner, String name, String descriptor, boolean method, Where where) {
        if (hierarchy.info(owner.startsWith("[") ? "java/lang/Object" : owner).isEmpty()) {
            violations.add(where.violation("missing-class",
                    binary(owner) + " is neither in the program nor in the JDK"));
            return;
        }
        var declaring = method ? hierarchy.resolveMethod(owner, name, descriptor) : hierarchy.resolveField(owner, name);
        if (declaring.isPresent() && declaring.get().program()) {
            return;
        }
        String declaringName = declaring.map(ClassHierarchy.Info::name).orElse(owner);
        Allowlist.Decision decision = allowlist.decide(binary(declaringName), name, method ? descriptor : "");
        String member = binary(declaringName) + "." + name;
        if (!decision.allowed()) {
            violations.add(where.violation(decision.rule(), member + ": " + decision.reason()));
        } else if (declaring.isEmpty()) {
            violations.add(where.violation("missing-member", member + (method ? descriptor : "")
                    + " does not exist in this JDK"));
        }
    }

    private void checkIndy(InvokeDynamicInstruction indy, Where where) {
        DirectMethodHandleDesc bootstrap = indy.bootstrapMethod();
        String key = internal(bootstrap.owner()) + "." + bootstrap.methodName();
        if (!ALLOWED_BOOTSTRAPS.contains(key)) {
            violations.add(where.violation("invokedynamic", "bootstrap " + binary(internal(bootstrap.owner())) + "."
                    + bootstrap.methodName() + " is not one javac emits for ordinary code (lambdas, string "
                    + "concatenation, records, switches)"));
            return;
        }
        for (ConstantDesc argument : indy.bootstrapArgs()) {
            checkBootstrapArgument(argument, where);
        }
    }

    private void checkBootstrapArgument(ConstantDesc argument, Where where) {
        switch (argument) {
            case DirectMethodHandleDesc handle -> checkMethodReference(handle, where);
            case DynamicConstantDesc<?> constant -> {
                DirectMethodHandleDesc bootstrap = constant.bootstrapMethod();
                String key = internal(bootstrap.owner()) + "." + bootstrap.methodName();
                if (!ALLOWED_CONSTANT_BOOTSTRAPS.contains(key)) {
                    violations.add(where.violation("invokedynamic", "constant bootstrap " + key.replace('/', '.')
                            + " is not one javac emits for ordinary code"));
                    return;
                }
                for (ConstantDesc nested : constant.bootstrapArgs()) {
                    checkBootstrapArgument(nested, where);
                }
            }
            default -> { } // strings, numbers, class and method type descriptors carry no authority
        }
    }

    /** A method reference or lambda body: it may reach what a call may reach, nothing more. */
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
        checkMember(owner, handle.methodName(), field ? "" : handle.lookupDescriptor(), !field, where);
    }

    private void checkConstant(ConstantInstruction.LoadConstantInstruction ldc, Where where) {
        switch (ldc.constantEntry()) {
            case MethodHandleEntry handle -> violations.add(where.violation("method-handles",
                    "a method handle constant (" + handle.asSymbol() + ") is not allowed in a SIP"));
            case MethodTypeEntry type -> violations.add(where.violation("method-handles",
                    "a method type constant is not allowed in a SIP"));
            case ConstantDynamicEntry dynamic -> violations.add(where.violation("invokedynamic",
                    "dynamic constants are not allowed in a SIP"));
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
