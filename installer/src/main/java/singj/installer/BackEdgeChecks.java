package singj.installer;

import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.DiscontinuedInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.StoreInstruction;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import singj.abi.runtime.SipGlue;

/**
 * Chooses the kill check for each back-edge of a method (the sealer strip-mines javac's counted
 * loops before this: see {@link CountedLoops}).
 *
 * <p>Most back-edges count down the method's countdown local and poll when it runs out. An
 * innermost loop that steps an {@code int} local by exactly one, up or down, on every trip
 * ({@code while (a[i] < pivot) i++}, {@code while (j >= low && a[j] > v) j--}, a {@code for}
 * loop with calls in its body) is checked by the local's low bits instead
 * ({@code (i & (CHECK_INTERVAL - 1)) == 0}): the local takes consecutive values, so one trip in
 * every {@code CHECK_INTERVAL} polls, and the test needs no register of its own. In the small
 * loops of a quicksort the countdown cost about a third of the time, this test a few percent
 * ({@code bench}, {@code InstrumentationTax.sort}).
 *
 * <p>Every trip from such a loop's head to its back-edge must pass the step exactly once: the body
 * branches only forward and never over the step, nothing outside it branches into it, no
 * exception handler lands inside, and nothing else writes the local. A run of the loop may start
 * anywhere, though, so a loop entered again and again for a few trips might never reach a
 * multiple of the interval. Entering it again takes a back-edge of an enclosing loop, so those
 * count down by a weight that grows with the stepped loops they enclose: between two polls there
 * are at most about {@link CountedLoops#WORK_PER_CHECK} bytecodes of stepped loop bodies, as in
 * a strip.
 */
final class BackEdgeChecks {
    /** The longest body (in instructions) checked by its step. */
    static final int MAX_STEPPED_BODY = 256;

    /** How a back-edge is checked. */
    sealed interface Check {
        /** Poll when {@code local}'s low bits are all zero. */
        record ByStep(int local) implements Check {}

        /**
         * Subtract {@code weight} from the countdown; poll when it runs out. With
         * {@code pollOutside}, the back-edge is a {@code goto} of an innermost loop with no other
         * back-edge: its countdown test can become the loop's back-edge, and the poll a second
         * one that C2 makes an outer loop, so that the inner loop has no call in it (a call keeps
         * C2 from hoisting loads out of the loop: +15% on an iterator loop). In loops with more
         * back-edges, that shape cost more than it saved.
         */
        record ByCountdown(int weight, boolean pollOutside) implements Check {}
    }

    private BackEdgeChecks() {}

    /**
     * The check of every back-edge of {@code code} (a branch or switch to a label before it), by
     * its instruction index; {@code stripMined} are the back-edges of strips, which need none.
     */
    static Map<Integer, Check> plan(CodeModel code, Set<Integer> stripMined) {
        List<Instruction> instructions = new ArrayList<>();
        Map<Label, Integer> labelAt = new HashMap<>(); // label -> index of the next instruction
        for (CodeElement element : code.elementList()) {
            if (element instanceof LabelTarget target) {
                labelAt.put(target.label(), instructions.size());
            } else if (element instanceof Instruction instruction) {
                instructions.add(instruction);
            }
        }
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
        List<Range> stepped = new ArrayList<>();
        for (Range loop : loops) {
            Integer local = instructions.get(loop.back()) instanceof BranchInstruction
                    ? loop.steppedLocal(code.exceptionHandlers()) : null; // a switch may jump back to several places
            if (local != null) {
                plan.put(loop.back(), new Check.ByStep(local));
                stepped.add(loop);
            }
        }
        long maxWeight = SipGlue.CHECK_INTERVAL;
        for (Range loop : loops) {
            if (!plan.containsKey(loop.back())) {
                long enclosed = stepped.stream().filter(loop::encloses).mapToLong(Range::size).sum();
                long weight = enclosed * maxWeight * maxWeight / CountedLoops.WORK_PER_CHECK;
                boolean pollOutside = loop.isGoto() && loop.branchesOnlyForward()
                        && loops.stream().filter(other -> other.head() == loop.head()).count() == 1;
                plan.put(loop.back(), new Check.ByCountdown((int) Math.clamp(weight, 1, maxWeight), pollOutside));
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

        boolean encloses(Range inner) {
            return inner != this && head <= inner.head && inner.back <= back;
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
