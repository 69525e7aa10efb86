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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the sealer enters each of a method's exception handlers, so that a kill can be neither
 * caught nor swallowed and no loop runs through a handler unchecked.
 *
 * <p>A range that ends at or before its handler ("forward") enters it directly; every other range
 * (one that covers its handler, or code after it) enters through a stub after the method's code,
 * which checks, then jumps to the handler (past its own check, if it has one) or, for a monitor
 * release, runs a copy of it. A handler that a forward range enters is checked where it starts,
 * unless it is proven to be javac's monitor release ({@link #monitorReleasesIn}). Why this
 * contains a kill, by the offsets of the original code (the stubs come after all of it):
 * <ul>
 * <li>Every loop is checked. Take the lowest offset on a loop: something jumps back to it from
 *     there or later. A backward branch has its own check; an exception edge back to it comes from
 *     a range that does not end before the handler, so it runs through a stub. Forward ranges
 *     never go back.</li>
 * <li>A kill that a check throws leaves the method. A stub lies outside every range, so what
 *     it throws (its check's kill, or its copy's) leaves the method. Any other check throws into
 *     a forward range (a handler further on) or a stub. A checked handler throws the kill on at
 *     once, and a monitor release throws on what it caught; its one other way out, its
 *     {@code monitorexit} throwing, lands in its own stub. So the kill only moves forward until
 *     it leaves.</li>
 * </ul>
 * The shape of a handler alone proves nothing: an attacker writes it too. Only a handler that is
 * exactly javac's monitor release and whose own failure is checked may skip the check.
 */
final class ExceptionHandlers {
    private final CodeAttribute offsets;
    /** The proven monitor releases, each with its five instructions. */
    private final Map<Label, List<Instruction>> monitorReleases;
    private final Set<Label> checkedAtEntry = new HashSet<>();

    private ExceptionHandlers(CodeAttribute offsets, Map<Label, List<Instruction>> monitorReleases) {
        this.offsets = offsets;
        this.monitorReleases = monitorReleases;
    }

    static ExceptionHandlers of(CodeModel code) {
        if (!(code instanceof CodeAttribute attribute)) {
            return new ExceptionHandlers(null, Map.of()); // no offsets to compare: every range enters through a stub
        }
        var handlers = new ExceptionHandlers(attribute, monitorReleasesIn(attribute));
        for (ExceptionCatch range : attribute.exceptionHandlers()) {
            if (handlers.entersDirectly(range) && !handlers.monitorReleases.containsKey(range.handler())) {
                handlers.checkedAtEntry.add(range.handler());
            }
        }
        return handlers;
    }

    /** Whether {@code range} jumps straight to its handler; else it goes through a stub that checks. */
    boolean entersDirectly(ExceptionCatch range) {
        return offsets != null && offsets.labelToBci(range.tryEnd()) <= offsets.labelToBci(range.handler());
    }

    /** Whether {@code handler} gets a check where it starts. */
    boolean checkedAtEntry(Label handler) {
        return checkedAtEntry.contains(handler);
    }

    /** The instructions of {@code handler} if it is a proven monitor release, else null. */
    List<Instruction> monitorRelease(Label handler) {
        return monitorReleases.get(handler);
    }

    /**
     * javac's catch-all handlers of {@code synchronized} blocks, proven from the code: exactly
     * {@code astore t; aload lock; monitorexit; aload t; athrow}, so that they throw on what they
     * caught, and the first range over the {@code monitorexit} is a catch-all to the handler itself
     * (javac's own range), so that when it throws instead (a lock not held, or null) the stub of
     * that range checks. They are left unchecked because a check there, made while the lock is
     * held, could throw out of the method with the lock still held: HotSpot then finds the
     * method's monitors unbalanced and never compiles it.
     */
    private static Map<Label, List<Instruction>> monitorReleasesIn(CodeAttribute code) {
        Set<Label> catchAll = new HashSet<>();
        for (ExceptionCatch handler : code.exceptionHandlers()) {
            if (handler.catchType().isEmpty()) {
                catchAll.add(handler.handler());
            }
        }
        Map<Label, List<Instruction>> result = new HashMap<>();
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
                    int monitorExit = code.labelToBci(target.label()) + store.sizeInBytes() + next.get(1).sizeInBytes();
                    if (firstRangeOver(code, monitorExit) instanceof ExceptionCatch own
                            && own.catchType().isEmpty() && own.handler().equals(target.label())) {
                        result.put(target.label(), List.copyOf(next));
                    }
                }
            }
        }
        return result;
    }

    /** The range the JVM tries first for an exception thrown at {@code offset}, or null for none. */
    private static ExceptionCatch firstRangeOver(CodeAttribute code, int offset) {
        for (ExceptionCatch range : code.exceptionHandlers()) {
            if (code.labelToBci(range.tryStart()) <= offset && offset < code.labelToBci(range.tryEnd())) {
                return range;
            }
        }
        return null;
    }
}
