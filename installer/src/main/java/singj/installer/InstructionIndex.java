package singj.installer;

import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.LabelTarget;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A method's instructions in code order, and where each label stands among them: the view the
 * loop analyses ({@link CountedLoops}, {@link BackEdgeChecks}) work on, built once per method.
 *
 * @param instructions the instructions only, without labels and other pseudo-instructions
 * @param labelAt for each label, the index of the instruction that follows it
 */
record InstructionIndex(List<Instruction> instructions, Map<Label, Integer> labelAt) {
    static InstructionIndex of(CodeModel code) {
        List<Instruction> instructions = new ArrayList<>();
        Map<Label, Integer> labelAt = new HashMap<>();
        for (CodeElement element : code.elementList()) {
            if (element instanceof LabelTarget target) {
                labelAt.put(target.label(), instructions.size());
            } else if (element instanceof Instruction instruction) {
                instructions.add(instruction);
            }
        }
        return new InstructionIndex(List.copyOf(instructions), Map.copyOf(labelAt));
    }
}
