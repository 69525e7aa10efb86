package singj.installer;

import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.util.ArrayList;
import java.util.List;

/** Where control can go from an instruction, other than to the next one. */
final class Branches {
    private Branches() {}

    /** The labels {@code instruction} can jump to: none unless it is a branch or a switch. */
    static List<Label> targets(Instruction instruction) {
        return switch (instruction) {
            case BranchInstruction branch -> List.of(branch.target());
            case TableSwitchInstruction table -> withDefault(table.defaultTarget(), table.cases());
            case LookupSwitchInstruction lookup -> withDefault(lookup.defaultTarget(), lookup.cases());
            default -> List.of();
        };
    }

    private static List<Label> withDefault(Label fallback, List<SwitchCase> cases) {
        List<Label> all = new ArrayList<>(cases.size() + 1);
        all.add(fallback);
        cases.forEach(c -> all.add(c.target()));
        return all;
    }
}
