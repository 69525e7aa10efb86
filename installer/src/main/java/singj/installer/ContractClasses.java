package singj.installer;

import java.lang.classfile.Annotation;
import java.lang.classfile.AnnotationElement;
import java.lang.classfile.AnnotationValue;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.attribute.InnerClassInfo;
import java.lang.classfile.attribute.RecordComponentInfo;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import singj.kernel.ipc.ContractException;
import singj.kernel.ipc.ContractSpec;

/**
 * Finds and checks a program's contracts: interfaces annotated {@code @singj.abi.Contract}, with
 * their message records. Contract classes are loaded once for the whole kernel and shared by
 * every SIP that speaks the contract, so they must be pure data: an interface with no members,
 * and records implementing {@code singj.abi.Message} whose only code is what a record
 * declaration generates (the canonical constructor, accessors, {@code toString},
 * {@code hashCode}, {@code equals}). The state machine is checked by {@link ContractSpec}.
 */
final class ContractClasses {
    private static final String CONTRACT = "Lsingj/abi/Contract;";
    private static final String MESSAGE = "singj/abi/Message";
    private static final Set<String> RECORD_METHODS = Set.of("<init>", "toString", "hashCode", "equals");

    /**
     * @param names binary names of every contract class (interfaces and their messages)
     * @param contracts binary names of the contract interfaces
     */
    record Found(Set<String> names, Set<String> contracts) {}

    private ContractClasses() {}

    /** The contracts among {@code models} (by internal name), with a violation for each problem. */
    static Found check(Map<String, ClassModel> models, Set<String> declared, List<Violation> violations) {
        Set<String> names = new LinkedHashSet<>();
        Set<String> contracts = new LinkedHashSet<>();
        for (ClassModel model : models.values()) {
            List<String> lines = contractLines(model);
            if (lines == null) {
                continue;
            }
            String contract = binary(model.thisClass());
            contracts.add(contract);
            names.add(contract);
            if (!declared.contains(contract)) {
                violations.add(Violation.ofClass("manifest", contract, "declares a contract: list it in SingJ-Contracts"));
            }
            Map<String, List<String>> messages = new LinkedHashMap<>();
            checkInterface(model, contract, violations);
            for (ClassEntry member : nestMembers(model)) {
                ClassModel message = models.get(member.asInternalName());
                String messageName = binary(member);
                names.add(messageName);
                if (message == null) {
                    violations.add(Violation.ofClass("contract", messageName, "is nested in contract " + contract
                            + " but is not in the jar"));
                    continue;
                }
                if (checkMessage(message, messageName, contract, violations)) {
                    messages.put(simpleName(messageName), recordFields(message));
                }
            }
            try {
                ContractSpec.parse(contract, lines, messages);
            } catch (ContractException e) {
                e.problems().forEach(problem -> violations.add(Violation.ofClass("contract", contract, problem)));
            }
        }
        for (String name : declared) {
            if (!contracts.contains(name)) {
                violations.add(Violation.ofClass("manifest", name, "is listed in SingJ-Contracts but is not a "
                        + "@Contract interface of this jar"));
            }
        }
        return new Found(names, contracts);
    }

    /** The {@code @Contract} lines of {@code model}, or null if it is not a contract. */
    private static List<String> contractLines(ClassModel model) {
        var annotations = model.findAttribute(Attributes.runtimeVisibleAnnotations());
        if (annotations.isEmpty()) {
            return null;
        }
        for (Annotation annotation : annotations.get().annotations()) {
            if (annotation.className().equalsString(CONTRACT)) {
                List<String> lines = new ArrayList<>();
                for (AnnotationElement element : annotation.elements()) {
                    if (element.name().equalsString("value") && element.value() instanceof AnnotationValue.OfArray array) {
                        for (AnnotationValue value : array.values()) {
                            if (value instanceof AnnotationValue.OfString line) {
                                lines.add(line.stringValue());
                            }
                        }
                    }
                }
                return lines;
            }
        }
        return null;
    }

    private static void checkInterface(ClassModel model, String contract, List<Violation> violations) {
        if (!model.flags().has(AccessFlag.INTERFACE)) {
            violations.add(Violation.ofClass("contract", contract, "@Contract belongs on an interface"));
        }
        if (!model.fields().isEmpty() || !model.methods().isEmpty()) {
            violations.add(Violation.ofClass("contract", contract, "a contract interface holds only its message records "
                    + "(no fields or methods: it is shared by every SIP that speaks it)"));
        }
    }

    /** Whether {@code model} is a well-formed message; adds a violation for each way it is not. */
    private static boolean checkMessage(ClassModel model, String name, String contract, List<Violation> violations) {
        boolean isRecord = model.superclass().map(s -> s.asInternalName().equals("java/lang/Record")).orElse(false);
        boolean isMessage = model.interfaces().stream().anyMatch(i -> i.asInternalName().equals(MESSAGE));
        if (!isRecord || !isMessage) {
            violations.add(Violation.ofClass("contract", name, "only records that implement singj.abi.Message "
                    + "may be nested in contract " + contract));
            return false;
        }
        boolean ok = true;
        for (FieldModel field : model.fields()) {
            if (field.flags().has(AccessFlag.STATIC)) {
                violations.add(Violation.ofClass("contract", name, "has static field " + field.fieldName()
                        + ": a message carries only its own fields"));
                ok = false;
            }
        }
        Set<String> accessors = new LinkedHashSet<>();
        model.fields().forEach(f -> accessors.add(f.fieldName().stringValue()));
        for (MethodModel method : model.methods()) {
            String methodName = method.methodName().stringValue();
            if (!RECORD_METHODS.contains(methodName) && !accessors.contains(methodName) || !isGeneratedShape(method, model)) {
                violations.add(Violation.ofClass("contract", name, "method " + methodName + method.methodType().stringValue()
                        + " has code of its own: a message is shared by the SIPs on both ends of a channel, so it may "
                        + "only have what its record declaration generates"));
                ok = false;
            }
        }
        return ok;
    }

    /** Straight-line code that only loads arguments, reads and writes its own fields, and calls the record bootstraps. */
    private static boolean isGeneratedShape(MethodModel method, ClassModel owner) {
        if (method.code().isEmpty()) {
            return false;
        }
        for (var element : method.code().get()) {
            if (!(element instanceof Instruction instruction)) {
                continue;
            }
            boolean allowed = switch (instruction) {
                case LoadInstruction _, ReturnInstruction _ -> true;
                case FieldInstruction field -> field.owner().equals(owner.thisClass())
                        && (field.opcode() == java.lang.classfile.Opcode.GETFIELD || field.opcode() == java.lang.classfile.Opcode.PUTFIELD);
                case InvokeInstruction invoke -> invoke.owner().asInternalName().equals("java/lang/Record")
                        && invoke.name().equalsString("<init>");
                case InvokeDynamicInstruction indy -> indy.bootstrapMethod().owner().descriptorString()
                        .equals("Ljava/lang/runtime/ObjectMethods;");
                default -> false;
            };
            if (!allowed) {
                return false;
            }
        }
        return true;
    }

    private static List<String> recordFields(ClassModel model) {
        return model.findAttribute(Attributes.record())
                .map(r -> r.components().stream().map(RecordComponentInfo::descriptor).map(d -> d.stringValue()).toList())
                .orElse(List.of());
    }

    /** The classes declared inside {@code model} (from its InnerClasses attribute, so a nested contract works too). */
    private static List<ClassEntry> nestMembers(ClassModel model) {
        return model.findAttribute(Attributes.innerClasses()).map(inner -> inner.classes().stream()
                .filter(c -> c.outerClass().map(outer -> outer.equals(model.thisClass())).orElse(false))
                .map(InnerClassInfo::innerClass).toList()).orElse(List.of());
    }

    private static String binary(ClassEntry entry) {
        return entry.asInternalName().replace('/', '.');
    }

    private static String simpleName(String binaryName) {
        return binaryName.substring(Math.max(binaryName.lastIndexOf('$'), binaryName.lastIndexOf('.')) + 1);
    }
}
