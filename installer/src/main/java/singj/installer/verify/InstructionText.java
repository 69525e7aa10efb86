package singj.installer.verify;

import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.FieldRefEntry;
import java.lang.classfile.constantpool.InvokeDynamicEntry;
import java.lang.classfile.constantpool.MemberRefEntry;

/** An instruction as a violation names it: {@code getfield Forged.secret}, {@code aload_1}, {@code ifeq 12}. */
final class InstructionText {
    private InstructionText() {}

    /** Instruction {@code i} of {@code code}, put into words only when a violation names it. */
    static String describe(CodeIndex code, int i) {
        Opcode op = code.opcodes[i];
        String opcode = op.name().toLowerCase(java.util.Locale.ROOT);
        try {
            return switch (op.kind()) {
                case FIELD_ACCESS -> {
                    FieldRefEntry f = code.entry(i, FieldRefEntry.class);
                    yield opcode + " " + Descriptors.javaName(f.owner().asInternalName()) + "." + f.name().stringValue();
                }
                case INVOKE -> {
                    MemberRefEntry m = code.member(i);
                    yield opcode + " " + Descriptors.javaName(m.owner().asInternalName()) + "." + m.name().stringValue()
                            + m.type().stringValue();
                }
                case INVOKE_DYNAMIC -> {
                    InvokeDynamicEntry d = code.entry(i, InvokeDynamicEntry.class);
                    yield opcode + " " + d.name().stringValue() + d.type().stringValue();
                }
                case TYPE_CHECK, NEW_OBJECT, NEW_REF_ARRAY, NEW_MULTI_ARRAY ->
                        opcode + " " + Descriptors.javaName(code.entry(i, ClassEntry.class).asInternalName());
                // aload_1 names its slot already, and so (as the ClassFile API spells it) does aload_w
                case LOAD, STORE -> opcode.contains("_") ? opcode : opcode + " " + code.slot(i);
                case INCREMENT -> opcode + " " + code.slot(i) + " " + code.increment(i);
                case BRANCH -> {
                    int target = code.branchTarget(i);
                    yield target < 0 || target > code.codeLength() ? opcode : opcode + " " + target; // the ClassFile API's labels end there
                }
                default -> opcode;
            };
        } catch (RuntimeException e) {
            return opcode; // an operand that does not resolve is what the violation is about
        }
    }
}
