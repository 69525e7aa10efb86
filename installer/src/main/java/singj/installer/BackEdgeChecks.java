package singj.installer;

import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.DiscontinuedInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses the kill check for each back-edge of a method (the sealer strip-mines javac's counted
 * loops before this: see {@link CountedLoops}).
 *
 * <p>Innermost loops (no loop inside) count down the method's countdown local and poll (a read
 * of the kill flag, and a yield for a virtual thread whose time slice is over) when it runs out.
 * An innermost loop that steps an {@code int} local by exactly one, up or down, on every trip
 * ({@code while (a[i] < pivot) i++}, {@code while (j >= low && a[j] > v) j--}, a {@code for}
 * loop with calls in its body) is checked by the local's low bits instead
 * ({@code (i & (CHECK_INTERVAL - 1)) == 0}): the local takes consecutive values, so one trip in
 * every {@code CHECK_INTERVAL} polls, and the test needs no register of its own. In the small
 * loops of a quicksort the countdown cost about a third of the time, this test a few percent
 * ({@code bench}, {@code InstrumentationTax.sort}). Loops with loops inside ask whether the SIP
 * is alive on every trip, which compiled code answers for free.
 *
 * <p>Every trip from a stepped loop's head to its back-edge must pass the step exactly once: the
 * body branches only forward and never over the step, nothing outside it branches into it, no
 * exception handler lands inside, and nothing else writes the local. A run of the loop may start
 * anywhere, though, so a loop entered again and again for a few trips might never reach a
 * multiple of the interval; but entering it again takes a back-edge of an enclosing loop, which
 * reads the flag, so at most one run of fewer than {@code CHECK_INTERVAL} trips goes unchecked.
 */
final class BackEdgeChecks {
    /** The longest body (in instructions) checked by its step. */
    static final int MAX_STEPPED_BODY = 256;

    /** How a back-edge is checked. */
    sealed interface Check {
        /** Poll when {@code local}'s low bits are all zero. */
        record ByStep(int local) implements Check {}

        /**
         * Count down the method's countdown; poll when it runs out. With {@code pollOutside}, the
         * back-edge is a {@code goto} and the loop's only one: the countdown's test can become the
         * loop's back-edge, and the poll a second one that C2 makes an outer loop, so that the
         * loop has no call in it (a call keeps C2 from hoisting loads out of the loop: +15% on an
         * iterator loop). With more back-edges, that shape cost more than it saved.
         */
        record ByCountdown(boolean pollOutside) implements Check {}

        /**
         * Ask whether the SIP is alive ({@code SipGlue.enter}) on every trip: for loops with loops
         * inside, whose trips are few next to their inner loops', and where a call to poll on a
         * back-edge (even a rare one) kept C2 from compiling the inner loops well (+15% on a
         * quicksort). Compiled, the question costs nothing: the JIT folds it until the kill
         * deoptimises the code. It does not end a virtual thread's time slice; the polls of
         * the inner loops (and of strips) do, so an outer loop whose inner loops never run is the
         * one case where a spinning virtual thread keeps its carrier.
         */
        record ByFlag() implements Check {}
    }

    private BackEdgeChecks() {}

    /**
     * The check of every back-edge of {@code code} (a branch or switch to a label before it), by
     * its instruction index; {@code stripMined} are the back-edges of strips, which need none.
     */
    static Map<Integer, Check> plan(CodeModel code, InstructionIndex index, Set<Integer> stripMined) {
        List<Instruction> instructions = index.instructions();
        Map<Label, Integer> labelAt = index.labelAt();
        List<Range> loops = new ArrayList<>();
        for (int b = 0; b < instructions.size(); b++) {
            int back = b;
            int head = Branches.targets(instructions.get(b)).stream()
                    .mapToInt(target -> labelAt.getOrDefault(target, Integer.MAX_VALUE))
                    .filter(at -> at <= back).min().orElse(-1);
            if (head >= 0 && !stripMined.contains(b)) {
                loops.add(new Range(instructions, labelAt, head, b));
            }
        }
        Map<Integer, Check> plan = new HashMap<>();
        for (Range loop : loops) {
            Integer local = instructions.get(loop.back()) instanceof BranchInstruction
                    ? loop.steppedLocal(code.exceptionHandlers()) : null; // a switch may jump back to several places
            if (local != null) {
                plan.put(loop.back(), new Check.ByStep(local));
            }
        }
        for (Range loop : loops) {
            if (plan.containsKey(loop.back())) {
                continue;
            }
            if (!loop.branchesOnlyForward()) {
                plan.put(loop.back(), new Check.ByFlag());
            } else {
                boolean pollOutside = loop.isGoto()
                        && loops.stream().filter(other -> other.head() == loop.head()).count() == 1;
                plan.put(loop.back(), new Check.ByCountdown(pollOutside));
            }
        }
        return plan;
    }

    /** The instructions from a loop's head to its back-edge. */
    private record Range(List<Instruction> code, Map<Label, Integer> labelAt, int head, int back) {

        int size() {
            return back - head + 1;
        }

        boolean isGoto() {
            return code.get(back).opcode() == Opcode.GOTO || code.get(back).opcode() == Opcode.GOTO_W;
        }

        /** The local this innermost loop steps by one on every trip, or null. */
        Integer steppedLocal(List<ExceptionCatch> handlers) {
            if (size() > MAX_STEPPED_BODY || !branchesOnlyForward() || !isEnteredOnlyAtHead()
                    || hasHandlerInside(handlers)) {
                return null;
            }
            for (int i = head; i < back; i++) {
                if (code.get(i) instanceof IncrementInstruction step && Math.abs(step.constant()) == 1
                        && isWrittenOnlyAt(step.slot(), i) && isNeverJumpedOver(i)) {
                    return step.slot();
                }
            }
            return null;
        }

        boolean branchesOnlyForward() {
            for (int i = head; i < back; i++) {
                if (code.get(i) instanceof DiscontinuedInstruction) {
                    return false; // jsr/ret: control flow this analysis does not follow
                }
                for (Label target : Branches.targets(code.get(i))) {
                    if (labelAt.getOrDefault(target, -1) <= i) {
                        return false;
                    }
                }
            }
            return true;
        }

        private boolean isWrittenOnlyAt(int slot, int stepAt) {
            for (int i = head; i < back; i++) {
                boolean writes = switch (code.get(i)) {
                    case IncrementInstruction increment -> increment.slot() == slot;
                    case StoreInstruction store ->
                            store.slot() == slot || store.slot() + store.typeKind().slotSize() - 1 == slot;
                    default -> false;
                };
                if (writes && i != stepAt) {
                    return false;
                }
            }
            return true;
        }

        private boolean isNeverJumpedOver(int stepAt) {
            for (int i = head; i < stepAt; i++) {
                for (Label target : Branches.targets(code.get(i))) {
                    int at = labelAt.getOrDefault(target, -1);
                    if (at > stepAt && at <= back) {
                        return false;
                    }
                }
            }
            return true;
        }

        private boolean isEnteredOnlyAtHead() {
            for (int i = 0; i < code.size(); i++) {
                if (i < head || i > back) {
                    for (Label target : Branches.targets(code.get(i))) {
                        int at = labelAt.getOrDefault(target, -1);
                        if (at > head && at <= back) {
                            return false;
                        }
                    }
                }
            }
            return true;
        }

        private boolean hasHandlerInside(List<ExceptionCatch> handlers) {
            for (ExceptionCatch handler : handlers) {
                int at = labelAt.getOrDefault(handler.handler(), -1);
                if (at >= head && at <= back) {
                    return true;
                }
            }
            return false;
        }
    }
}
