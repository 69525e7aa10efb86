package singj.installer;

import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** What the sealer needs to know about a method's exception handlers before it rewrites them. */
final class ExceptionHandlers {
    private ExceptionHandlers() {}

    /**
     * Handlers whose entry lies in no exception range, or only in ranges of rethrowing handlers:
     * a kill thrown at their entry cannot come back to them.
     */
    static Set<Label> safeToCheckInPlace(CodeModel code, Set<Label> rethrowing) {
        Set<Label> safe = new HashSet<>();
        if (!(code instanceof CodeAttribute attribute)) {
            return safe; // no offsets to compare: every handler gets a stub
        }
        for (ExceptionCatch handler : code.exceptionHandlers()) {
            Label entry = handler.handler();
            if (rethrowing.contains(entry)) {
                continue;
            }
            int at = attribute.labelToBci(entry);
            boolean coveredByACatcher = code.exceptionHandlers().stream().anyMatch(range ->
                    !rethrowing.contains(range.handler())
                            && attribute.labelToBci(range.tryStart()) <= at && at < attribute.labelToBci(range.tryEnd()));
            if (!coveredByACatcher) {
                safe.add(entry);
            }
        }
        return safe;
    }

    /**
     * javac's catch-all handlers that release a monitor and rethrow
     * ({@code astore t; aload lock; monitorexit; aload t; athrow}): they cannot swallow a kill,
     * and routing them through a stub would leave the JIT with unbalanced monitors.
     */
    static Set<Label> monitorReleaseHandlers(CodeModel code) {
        Set<Label> catchAll = new HashSet<>();
        for (ExceptionCatch handler : code.exceptionHandlers()) {
            if (handler.catchType().isEmpty()) {
                catchAll.add(handler.handler());
            }
        }
        Set<Label> result = new HashSet<>();
        List<CodeElement> elements = code.elementList();
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof LabelTarget target && catchAll.contains(target.label())) {
                List<Instruction> next = new ArrayList<>(5);
                for (int j = i + 1; j < elements.size() && next.size() < 5; j++) {
                    if (elements.get(j) instanceof Instruction instruction) {
                        next.add(instruction);
                    }
                }
                if (next.size() == 5
                        && next.get(0) instanceof StoreInstruction store && store.typeKind() == TypeKind.REFERENCE
                        && next.get(1) instanceof LoadInstruction
                        && next.get(2) instanceof MonitorInstruction exit && exit.opcode() == Opcode.MONITOREXIT
                        && next.get(3) instanceof LoadInstruction reload && reload.slot() == store.slot()
                        && next.get(4) instanceof ThrowInstruction) {
                    result.add(target.label());
                }
            }
        }
        return result;
    }
}
