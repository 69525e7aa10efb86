package singj.installer.verify;

import java.util.Arrays;

/**
 * The types of the locals and of the operand stack at one point of a method. A working frame is
 * changed in place instruction by instruction; the frames stored at join points are merged into.
 */
final class Frame {
    final VType[] locals;
    final VType[] stack;
    /** Values on the stack (a long is one value). */
    int depth;
    /** Words on the stack (a long is two), checked against max_stack. */
    int words;
    /** In a constructor: {@code this} is not yet initialized (JVMS flagThisUninit). */
    boolean thisUninitialized;
    /**
     * In the working frame: whether a local or the constructor flag may have changed since the
     * exception handlers last saw them. Merging the same locals into a handler twice changes
     * nothing, so the walk skips it while this is false.
     */
    boolean localsChanged;

    Frame(int maxLocals, int maxStack) {
        this(new VType[maxLocals], new VType[maxStack]);
        Arrays.fill(locals, VType.TOP);
    }

    private Frame(VType[] locals, VType[] stack) {
        this.locals = locals;
        this.stack = stack;
    }

    Frame copy() {
        Frame copy = new Frame(locals.clone(), new VType[stack.length]);
        System.arraycopy(stack, 0, copy.stack, 0, depth);
        copy.depth = depth;
        copy.words = words;
        copy.thisUninitialized = thisUninitialized;
        return copy;
    }

    void copyFrom(Frame other) {
        System.arraycopy(other.locals, 0, locals, 0, locals.length);
        System.arraycopy(other.stack, 0, stack, 0, other.depth);
        depth = other.depth;
        words = other.words;
        thisUninitialized = other.thisUninitialized;
        localsChanged = true;
    }

    void setLocal(int slot, VType type) {
        locals[slot] = type;
        localsChanged = true;
    }

    void push(VType type) {
        int size = sizeOf(type);
        if (words + size > stack.length) {
            throw Rejection.type("stack overflow: " + (words + size) + " words on the stack, but max_stack is "
                    + stack.length);
        }
        stack[depth++] = type;
        words += size;
    }

    /** {@link VType#size()} without an interface call on every push and pop: two exact class tests. */
    private static int sizeOf(VType type) {
        return type instanceof VType.LongType || type instanceof VType.DoubleType ? 2 : 1;
    }

    VType pop() {
        if (depth == 0) {
            throw Rejection.type("stack underflow: the operand stack is empty");
        }
        VType top = stack[--depth];
        words -= sizeOf(top);
        return top;
    }

    VType peek(int fromTop) {
        if (fromTop >= depth) {
            throw Rejection.type("stack underflow: needs " + (fromTop + 1) + " values, the stack holds " + depth);
        }
        return stack[depth - 1 - fromTop];
    }

    void clearStack() {
        depth = 0;
        words = 0;
    }

    /** Replaces every occurrence of {@code from} in the frame by {@code to} (an object's constructor ran). */
    void replace(VType from, VType to) {
        for (int i = 0; i < locals.length; i++) {
            if (locals[i].equals(from)) {
                locals[i] = to;
                localsChanged = true;
            }
        }
        for (int i = 0; i < depth; i++) {
            if (stack[i].equals(from)) {
                stack[i] = to;
            }
        }
    }

    /**
     * Merges {@code incoming} into this stored frame; true if this frame changed (so its
     * instructions must be walked again).
     */
    boolean mergeFrom(Frame incoming, TypeMerger merger) {
        if (incoming.depth != depth) {
            throw Rejection.type("the stack holds " + incoming.depth + (incoming.depth == 1 ? " value" : " values")
                    + " on one path and " + depth + " on another");
        }
        boolean changed = mergeLocalsFrom(incoming, merger);
        for (int i = 0; i < depth; i++) {
            VType merged = merger.merge(incoming.stack[i], stack[i]);
            if (merged instanceof VType.Conflict conflict) {
                throw Rejection.type("stack slot " + i + " is " + conflict.describe());
            }
            if (!merged.equals(stack[i])) {
                stack[i] = merged;
                changed = true;
            }
        }
        return changed;
    }

    /** Merges only the locals and the constructor flag (what an exception handler inherits). */
    boolean mergeLocalsFrom(Frame incoming, TypeMerger merger) {
        boolean changed = false;
        for (int i = 0; i < locals.length; i++) {
            VType mine = locals[i];
            if (mine instanceof VType.Conflict) {
                continue; // already as unusable as it gets: keep what first met here
            }
            // the newcomer first: "local 1 is int on one path and Forged on another" names the later path first
            VType merged = merger.merge(incoming.locals[i], mine);
            if (!merged.equals(mine)) {
                locals[i] = merged;
                changed = true;
            }
        }
        if (incoming.thisUninitialized && !thisUninitialized) {
            thisUninitialized = true;
            changed = true;
        }
        return changed;
    }
}
