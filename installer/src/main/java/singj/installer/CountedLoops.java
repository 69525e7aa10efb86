package singj.installer;

import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.DiscontinuedInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the innermost counted loops javac emits for {@code for (...; i < bound; i++)} over an
 * invariant bound (a local, an array's length, a constant), with neither calls nor allocations in
 * their body (the loops the JIT can vectorise), so that the sealer can strip-mine
 * them: run the loop in strips with one kill check between strips, instead of a check on every
 * back-edge. A check inside the loop body keeps the JIT from vectorising it (a 20x tax on such
 * loops, measured in {@code bench}). A strip is as long as keeps the work between two checks
 * under about {@value #WORK_PER_CHECK} bytecodes of the body (the body has no loop of its own,
 * and each call it makes checks on entry), so a kill still lands within milliseconds; and long,
 * because the JIT runs the first and last iterations of each vectorised strip one by one.
 *
 * <pre>
 *   COND:  iload i; BOUND; if_icmpge EXIT       (BOUND: iload n | aload a; arraylength | int constant)
 *          BODY                                 (forward branches only; no store to i, n or a)
 *          iinc i, 1
 *          goto COND
 *   EXIT:
 * </pre>
 * Only these shapes are taken, with step 1 and a strict bound, so the strip's own limit can
 * never overflow; anything else keeps its per-iteration check.
 */
final class CountedLoops {
    /** Bytecodes of loop body executed, at most, between two kill checks. */
    static final int WORK_PER_CHECK = 1 << 22;
    private static final int MIN_STRIP = 1 << 10;
    private static final int MAX_STRIP = 1 << 20;

    /**
     * A loop to strip-mine. Instruction indexes count instructions only (not pseudo-instructions),
     * in code order.
     *
     * @param condition the label of the loop test, where the loop is entered
     * @param conditionIndex index of the test's first instruction ({@code iload i})
     * @param testIndex index of the {@code if_icmpge}
     * @param backEdgeIndex index of the closing {@code goto}
     * @param index the slot of the induction variable
     * @param bound the instructions that push the bound
     * @param exit where the loop exits to
     * @param exits labels after the loop that branches in the body jump to ({@code break})
     * @param stripLength iterations per strip
     * @param freshIndex whether each strip may count in a fresh local instead of the index: when
     *     no exception handler covers the loop (a handler outside could read the index) and every
     *     way out of the body is a plain branch. The JIT vectorises that form; with the index
     *     itself live out of the strip it did not, in our measurements.
     */
    record Loop(Label condition, int conditionIndex, int testIndex, int backEdgeIndex, int index,
                List<Instruction> bound, Label exit, Set<Label> exits, int stripLength, boolean freshIndex) {}

    private CountedLoops() {}

    /** The strip-minable loops of {@code code}, by the instruction index of their test's first instruction. */
    static Map<Integer, Loop> find(CodeModel code, InstructionIndex index) {
        List<Instruction> instructions = index.instructions();
        Map<Label, Integer> labelAt = index.labelAt();
        Map<Integer, Loop> loops = new HashMap<>();
        for (int g = 0; g < instructions.size(); g++) {
            if (instructions.get(g) instanceof BranchInstruction back
                    && (back.opcode() == Opcode.GOTO || back.opcode() == Opcode.GOTO_W)
                    && labelAt.getOrDefault(back.target(), Integer.MAX_VALUE) < g) {
                Loop loop = match(instructions, labelAt, back.target(), g);
                if (loop != null && isSelfContained(loop, instructions, labelAt, code.exceptionHandlers())) {
                    loops.put(loop.conditionIndex(), withExits(loop, instructions, labelAt, code.exceptionHandlers()));
                }
            }
        }
        return loops;
    }

    private static Loop match(List<Instruction> code, Map<Label, Integer> labelAt, Label condition, int backEdge) {
        int c = labelAt.get(condition);
        if (!(code.get(c) instanceof LoadInstruction load) || load.typeKind() != TypeKind.INT) {
            return null;
        }
        int index = load.slot();
        List<Instruction> bound;
        if (code.get(c + 1) instanceof LoadInstruction n && n.typeKind() == TypeKind.INT && n.slot() != index) {
            bound = List.of(n);
        } else if (code.get(c + 1) instanceof ConstantInstruction constant && constant.typeKind() == TypeKind.INT) {
            bound = List.of(constant);
        } else if (code.get(c + 1) instanceof LoadInstruction array && array.typeKind() == TypeKind.REFERENCE
                && code.get(c + 2).opcode() == Opcode.ARRAYLENGTH) {
            bound = List.of(array, code.get(c + 2));
        } else {
            return null;
        }
        int t = c + 1 + bound.size();
        if (!(code.get(t) instanceof BranchInstruction test) || test.opcode() != Opcode.IF_ICMPGE
                || labelAt.getOrDefault(test.target(), -1) != backEdge + 1) {
            return null;
        }
        if (!(code.get(backEdge - 1) instanceof IncrementInstruction step) || step.slot() != index || step.constant() != 1) {
            return null;
        }
        int bodySize = backEdge - t;
        int strip = Math.clamp(WORK_PER_CHECK / bodySize, MIN_STRIP, MAX_STRIP);
        return new Loop(condition, c, t, backEdge, index, bound, test.target(), Set.of(), strip, false);
    }

    /** Finds the body's exits, and whether the strip may count in a fresh local. */
    private static Loop withExits(Loop loop, List<Instruction> code, Map<Label, Integer> labelAt,
                                  List<ExceptionCatch> handlers) {
        Set<Label> exits = new java.util.LinkedHashSet<>();
        boolean plainExits = true;
        for (int i = loop.testIndex() + 1; i < loop.backEdgeIndex() - 1; i++) {
            Instruction instruction = code.get(i);
            for (Label target : Branches.targets(instruction)) {
                if (labelAt.getOrDefault(target, -1) > loop.backEdgeIndex()) {
                    if (instruction instanceof BranchInstruction) {
                        exits.add(target);
                    } else {
                        plainExits = false; // a switch leaving the loop: keep the index itself
                    }
                }
            }
        }
        boolean covered = false;
        for (ExceptionCatch handler : handlers) {
            int start = labelAt.getOrDefault(handler.tryStart(), -1);
            int end = labelAt.getOrDefault(handler.tryEnd(), -1);
            covered |= start <= loop.backEdgeIndex() && end > loop.conditionIndex();
        }
        return new Loop(loop.condition(), loop.conditionIndex(), loop.testIndex(), loop.backEdgeIndex(), loop.index(),
                loop.bound(), loop.exit(), Set.copyOf(exits), loop.stripLength(), plainExits && !covered);
    }

    /**
     * The body only branches forward, touches neither the index nor the bound, and nothing but
     * the loop's own entry label is reached from outside; no handler starts, ends or lands inside.
     */
    private static boolean isSelfContained(Loop loop, List<Instruction> code, Map<Label, Integer> labelAt,
                                           List<ExceptionCatch> handlers) {
        Set<Integer> guarded = new java.util.HashSet<>(Set.of(loop.index()));
        if (loop.bound().getFirst() instanceof LoadInstruction boundLocal) {
            guarded.add(boundLocal.slot());
        }
        int from = loop.conditionIndex();
        int to = loop.backEdgeIndex();
        for (int i = loop.testIndex() + 1; i < to - 1; i++) {
            Instruction instruction = code.get(i);
            switch (instruction) {
                case StoreInstruction store when guarded.contains(store.slot()) -> {
                    return false;
                }
                case IncrementInstruction increment when guarded.contains(increment.slot()) -> {
                    return false;
                }
                // only loops the JIT could vectorise are worth a strip: with a call or an
                // allocation in the body, the strip's structure cost more than the countdown
                // (InstrumentationTax.allocate: +38% strip-mined, +17% with the countdown)
                case DiscontinuedInstruction _, InvokeInstruction _, InvokeDynamicInstruction _,
                     NewObjectInstruction _, NewPrimitiveArrayInstruction _, NewReferenceArrayInstruction _,
                     NewMultiArrayInstruction _, MonitorInstruction _ -> {
                    return false;
                }
                default -> { }
            }
            for (Label target : Branches.targets(instruction)) {
                if (labelAt.getOrDefault(target, -1) <= i) {
                    return false; // a loop inside the body, or a jump back: not innermost
                }
            }
        }
        for (int i = 0; i < code.size(); i++) {
            if (i >= from && i <= to) {
                continue;
            }
            for (Label target : Branches.targets(code.get(i))) {
                int at = labelAt.getOrDefault(target, -1);
                if (at > from && at <= to) {
                    return false; // entered in the middle
                }
            }
        }
        for (ExceptionCatch handler : handlers) {
            for (Label label : List.of(handler.tryStart(), handler.tryEnd(), handler.handler())) {
                int at = labelAt.getOrDefault(label, -1);
                if (at > from && at <= to) {
                    return false;
                }
            }
        }
        return true;
    }
}
