package singj.installer;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.StringEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.util.List;
import java.util.Map;
import singj.kernel.ipc.Grants;

/**
 * Checks the program's code against its manifest: a call of {@code Sip.register} or
 * {@code Sip.open} with a constant name must use a name the manifest grants. (Names computed at
 * run time are checked at run time, where every request is checked anyway.)
 */
final class NameUses {
    private static final String SIP = "singj/abi/Sip";

    private NameUses() {}

    static void check(Map<String, ClassModel> models, Grants grants, List<Violation> violations) {
        Grants asked = new Grants(grants.registers(), grants.opens(), true);
        for (ClassModel model : models.values()) {
            for (MethodModel method : model.methods()) {
                method.code().ifPresent(code -> {
                    List<CodeElement> elements = code.elementList();
                    String lastConstant = null;
                    String beforeThat = null;
                    int offset = 0;
                    for (CodeElement element : elements) {
                        if (!(element instanceof Instruction instruction)) {
                            continue;
                        }
                        if (instruction instanceof InvokeInstruction call && call.owner().asInternalName().equals(SIP)
                                && beforeThat != null) {
                            String name = beforeThat; // the name, then the contract class
                            boolean register = call.name().equalsString("register");
                            boolean open = call.name().equalsString("open");
                            // whether the manifest asks for it: the system's names too, which the kernel then grants
                            // only to a system program (the image's shell), never to one a person runs
                            if (register && !asked.mayRegister(name) || open && !asked.mayOpen(name)) {
                                violations.add(new Violation("manifest", model.thisClass().asInternalName().replace('/', '.'),
                                        method.methodName().stringValue() + method.methodType().stringValue(), offset, -1,
                                        (register ? "registers " : "opens ") + name + ", which the manifest does not grant (add it to "
                                                + (register ? ManifestAttributes.REGISTERS : ManifestAttributes.OPENS) + ")"));
                            }
                        }
                        beforeThat = lastConstant;
                        // the entry, not constantValue(): that would follow a dynamic constant's arguments
                        lastConstant = instruction instanceof ConstantInstruction.LoadConstantInstruction ldc
                                && ldc.constantEntry() instanceof StringEntry text ? text.stringValue() : null;
                        offset += instruction.sizeInBytes();
                    }
                });
            }
        }
    }
}
