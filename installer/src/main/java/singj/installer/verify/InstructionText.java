package singj.installer.verify;

import java.lang.classfile.Instruction;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;

/** An instruction as a violation names it: {@code getfield Forged.secret}, {@code aload_1}, {@code ifeq 12}. */
final class InstructionText {
    private InstructionText() {}

    static String describe(Instruction instruction, CodeIndex code) {
        String opcode = instruction.opcode().name().toLowerCase(java.util.Locale.ROOT);
        try {
            return switch (instruction) {
                case FieldInstruction f -> opcode + " " + Descriptors.javaName(f.owner().asInternalName()) + "."
                        + f.name().stringValue();
                case InvokeInstruction m -> opcode + " " + Descriptors.javaName(m.owner().asInternalName()) + "."
                        + m.name().stringValue() + m.type().stringValue();
                case InvokeDynamicInstruction d -> opcode + " " + d.name().stringValue() + d.type().stringValue();
                case TypeCheckInstruction t -> opcode + " " + Descriptors.javaName(t.type().asInternalName());
                case NewObjectInstruction n -> opcode + " " + Descriptors.javaName(n.className().asInternalName());
                case NewReferenceArrayInstruction n -> opcode + " " + Descriptors.javaName(n.componentType().asInternalName());
                case NewMultiArrayInstruction n -> opcode + " " + Descriptors.javaName(n.arrayType().asInternalName());
                case LoadInstruction l when !opcode.contains("_") -> opcode + " " + l.slot();
                case StoreInstruction s when !opcode.contains("_") -> opcode + " " + s.slot();
                case IncrementInstruction inc -> opcode + " " + inc.slot() + " " + inc.constant();
                case BranchInstruction b -> opcode + " " + code.offsetOf(b.target());
                default -> opcode;
            };
        } catch (RuntimeException e) {
            return opcode; // an operand that does not resolve is what the violation is about
        }
    }
}
