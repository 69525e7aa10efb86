package singj.installer.verify;

import java.lang.classfile.Opcode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The JVMS type checker (4.10.1) over a method's StackMapTable: what HotSpot runs on class files of
 * version 51 and later, and so what decides whether such a class loads. {@link MethodVerifier}
 * infers the types itself; that alone would accept code whose frames are missing or wrong, and
 * code that no path reaches (which the JVM type-checks too, from its frames). So this pass runs on
 * the same instructions with the same {@link InstructionEffects}, before the inference, which
 * {@link MethodVerifier} then runs only if this pass fails or meets an identity operation:
 *
 * <ul>
 *   <li>one walk through the code in order; where the table declares a frame, the state flowing in
 *       (from the previous instruction, unless that one never falls through) must be assignable to
 *       it, and the declared frame is what flows on, so code no path reaches is checked from its frame;
 *   <li>every instruction after a goto, return, athrow or switch needs a frame;
 *   <li>every branch target needs a frame, and the state after the branch must be assignable to it;
 *   <li>every exception handler needs a frame, which the locals of each instruction it covers, with
 *       the caught type alone on the stack, must be assignable to (before a store, after anything
 *       else, and both before and after a constructor call, as HotSpot checks).
 * </ul>
 *
 * <p>Version 50 is not checked: when the type checker fails on a version-50 class, HotSpot verifies it
 * again by inference and loads it if that passes, which is what {@link MethodVerifier} does.
 * The encoding of the table itself (which the JVM checks from version 50, with no second chance) is
 * {@link ClassFormat}'s.
 */
final class StackMapCheck {
    /** The first class file version whose frames the JVM holds it to (below, it verifies by inference). */
    static final int FIRST_CHECKED_VERSION = 51;
    private static final int MAX_PROBLEMS = 20;

    /** A violation at the instruction {@code index}, or of the whole method when it is -1. */
    record Problem(int index, Rejection rejection) {}

    private final ClassContext cls;
    private final CodeIndex code;
    private final int[][] targets;
    private final boolean[] continues;
    private final MethodVerifier.Handler[] handlers;
    private final int[][] handlersAt;
    private final InstructionEffects effects;
    private final List<Problem> problems = new ArrayList<>();
    /** The frame the table declares at each instruction, or null. */
    private final Frame[] declared;
    /** The handlers whose frames the working frame's locals were last checked against, until they change. */
    private int[] handlersChecked;

    private StackMapCheck(ClassContext cls, CodeIndex code, String methodName, VType returns, int[][] targets,
                          boolean[] continues, MethodVerifier.Handler[] handlers, int[][] handlersAt,
                          IdentityUses identityUses) {
        this.cls = cls;
        this.code = code;
        this.targets = targets;
        this.continues = continues;
        this.handlers = handlers;
        this.handlersAt = handlersAt;
        this.effects = new InstructionEffects(cls, code, methodName, returns, identityUses);
        this.declared = new Frame[code.size()];
    }

    /**
     * The violations of the method's frames, at most {@value #MAX_PROBLEMS}. {@code initial} is the
     * frame the descriptor gives; {@code targets}, {@code continues}, {@code handlers} and
     * {@code handlersAt} are the control flow as {@link MethodVerifier} read it (sound: every target
     * and handler boundary is an instruction). The identity operations the walk meets go to
     * {@code identityUses} (with the declared types: the caller judges them by the inferred ones).
     */
    static List<Problem> check(ClassContext cls, CodeIndex code, String methodName, VType returns, Frame initial,
                               int argumentSlots, int[][] targets, boolean[] continues, MethodVerifier.Handler[] handlers,
                               int[][] handlersAt, IdentityUses identityUses) {
        StackMapCheck check = new StackMapCheck(cls, code, methodName, returns, targets, continues, handlers, handlersAt,
                identityUses);
        if (check.readTable(initialLocals(initial, argumentSlots))) {
            check.walk(initial.copy());
        }
        return check.problems;
    }

    // ---- the table

    /** A frame of the table as it reads: where it is, and its locals and stack one verification type per entry (a long is one). */
    private record Entry(int offset, VType[] locals, VType[] stack) {}

    /** The first {@code slots} locals of {@code initial}, one per value (a long once), as the table's first frame builds on them. */
    private static VType[] initialLocals(Frame initial, int slots) {
        VType[] locals = new VType[slots];
        int n = 0;
        for (int slot = 0; slot < slots; slot += locals[n++].size()) {
            locals[n] = initial.locals[slot];
        }
        return n == slots ? locals : Arrays.copyOf(locals, n);
    }

    /** Thrown while the table is decoded: it cannot be read at all. */
    private static final class Unreadable extends RuntimeException {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    private static final VType[] NO_TYPES = new VType[0];

    /**
     * Reads the declared frames into {@link #declared}, from the table's bytes (whose encoding
     * {@link ClassFormat} has checked); false (with the problems reported) if they cannot be used.
     * {@code initialLocals} are the locals the descriptor gives, one per entry, which the first
     * frame's chop, append or same frame starts from.
     */
    private boolean readTable(VType[] initialLocals) {
        int at = code.stackMapTable();
        if (at < 0) {
            return true; // every frame the code needs is then missing: the walk says where
        }
        List<Entry> entries;
        try {
            entries = decode(at, initialLocals);
        } catch (Unreadable | IllegalArgumentException e) {
            // a frame outside the code, chopping more locals than there are, a type that is not a class
            problem(-1, "the StackMapTable cannot be read: " + e.getMessage());
            return false;
        }
        boolean usable = true;
        int number = 0;
        for (Entry entry : entries) {
            number++;
            int index = code.indexAt(entry.offset());
            if (index < 0) {
                problem(-1, "StackMapTable: frame " + number + " is at " + entry.offset()
                        + ", which is not the start of an instruction");
                usable = false;
                continue;
            }
            Frame frame = frame(entry, index);
            usable &= frame != null;
            declared[index] = frame;
        }
        return usable;
    }

    /** Every frame of the table at {@code at}, each with its full locals and stack (JVMS 4.7.4). */
    private List<Entry> decode(int at, VType[] initialLocals) {
        int count = code.classU2(at);
        int p = at + 2;
        List<Entry> entries = new ArrayList<>(count);
        VType[] locals = initialLocals;
        int offset = -1;
        for (int f = 0; f < count; f++) {
            int frameType = code.classU1(p++);
            VType[] stack = NO_TYPES;
            int delta;
            if (frameType < 64) { // same_frame
                delta = frameType;
            } else if (frameType < 128) { // same_locals_1_stack_item_frame
                delta = frameType - 64;
                stack = new VType[] {verificationType(p)};
                p += typeSize(p);
            } else {
                delta = code.classU2(p);
                p += 2;
                if (frameType == 247) { // same_locals_1_stack_item_frame_extended
                    stack = new VType[] {verificationType(p)};
                    p += typeSize(p);
                } else if (frameType < 251) { // chop_frame
                    int chopped = 251 - frameType;
                    if (chopped > locals.length) {
                        throw new Unreadable("frame " + (f + 1) + " chops " + chopped + " locals of " + locals.length);
                    }
                    locals = Arrays.copyOf(locals, locals.length - chopped);
                } else if (frameType > 251 && frameType < 255) { // append_frame
                    int kept = locals.length;
                    locals = Arrays.copyOf(locals, kept + frameType - 251);
                    for (int k = kept; k < locals.length; k++) {
                        locals[k] = verificationType(p);
                        p += typeSize(p);
                    }
                } else if (frameType == 255) { // full_frame
                    locals = new VType[code.classU2(p)];
                    p += 2;
                    for (int k = 0; k < locals.length; k++) {
                        locals[k] = verificationType(p);
                        p += typeSize(p);
                    }
                    stack = new VType[code.classU2(p)];
                    p += 2;
                    for (int k = 0; k < stack.length; k++) {
                        stack[k] = verificationType(p);
                        p += typeSize(p);
                    }
                } // 251: same_frame_extended
            }
            offset += delta + 1;
            if (offset > code.codeLength()) {
                throw new Unreadable("Bytecode offset out of range; bci=" + offset + ", codeLength=" + code.codeLength());
            }
            entries.add(new Entry(offset, locals, stack));
        }
        return entries;
    }

    private int typeSize(int p) {
        int tag = code.classU1(p);
        return tag == 7 || tag == 8 ? 3 : 1;
    }

    /** The verification type at {@code p}; an uninitialized one is checked against its {@code new} in {@link #frame}. */
    private VType verificationType(int p) {
        return switch (code.classU1(p)) {
            case 0 -> VType.TOP;
            case 1 -> VType.INT;
            case 2 -> VType.FLOAT;
            case 3 -> VType.DOUBLE;
            case 4 -> VType.LONG;
            case 5 -> VType.NULL;
            case 6 -> VType.UNINITIALIZED_THIS;
            case 7 -> new VType.Reference(code.pool.className(code.classU2(p + 1)));
            case 8 -> {
                int made = code.classU2(p + 1);
                if (made > code.codeLength()) {
                    throw new Unreadable("Bytecode offset out of range; bci=" + made + ", codeLength=" + code.codeLength());
                }
                yield new VType.Uninitialized(made);
            }
            default -> throw new Unreadable("Invalid verification type tag: " + code.classU1(p));
        };
    }

    /** The declared frame {@code entry}, at the instruction {@code index}; null if it is not a frame of this method. */
    private Frame frame(Entry entry, int index) {
        Frame frame = new Frame(code.maxLocals, code.maxStack);
        int slot = 0;
        for (VType local : entry.locals()) {
            VType type = checked(local, index);
            if (type == null) {
                return null;
            }
            if (slot + type.size() > code.maxLocals) {
                problem(index, "StackMapTable: the frame here has more locals than max_locals " + code.maxLocals);
                return null;
            }
            frame.locals[slot] = type; // the second slot of a long or double stays top
            slot += type.size();
            frame.thisUninitialized |= type instanceof VType.UninitializedThis;
        }
        for (VType value : entry.stack()) {
            VType type = checked(value, index);
            if (type == null) {
                return null;
            }
            if (frame.words + type.size() > code.maxStack) {
                problem(index, "StackMapTable: the frame here has more words on the stack than max_stack "
                        + code.maxStack);
                return null;
            }
            frame.push(type);
        }
        return frame;
    }

    /** {@code type}, or null (with the problem reported) if it is an object no {@code new} makes where it says. */
    private VType checked(VType type, int index) {
        if (type instanceof VType.Uninitialized(int offset)) {
            int made = code.indexAt(offset);
            if (made < 0 || code.opcodes[made] != Opcode.NEW) {
                problem(index, "StackMapTable: the frame here names an object made by a new at " + offset
                        + ", but there is no new instruction there");
                return null;
            }
        }
        return type;
    }

    // ---- the walk

    private void walk(Frame frame) {
        boolean fallsIn = true; // whether the previous instruction can go on to this one (the first: the method's entry)
        boolean lost = false; // the working frame is unknown, after a failure, until the next declared frame
        int frameOffset = -1; // where the frame the working one comes from was declared
        for (int i = 0; i < code.size() && problems.size() < MAX_PROBLEMS; i++) {
            if (declared[i] != null) {
                if (fallsIn && !lost) {
                    String mismatch = mismatch(frame, declared[i]);
                    if (mismatch != null) {
                        problem(i, "StackMapTable: the frame at " + code.offsets[i] + mismatch + " from "
                                + (i == 0 ? "the method's entry" : code.offsets[i - 1]));
                    }
                }
                frame.copyFrom(declared[i]);
                frameOffset = code.offsets[i];
                lost = false;
            } else if (!fallsIn && !lost) {
                problem(i, "StackMapTable: no frame at " + code.offsets[i] + ", after the "
                        + InstructionText.describe(code, i - 1) + " at " + code.offsets[i - 1]
                        + " (the instruction after an unconditional branch, return, athrow or switch needs one)");
                lost = true;
            }
            fallsIn = continues[i];
            if (!lost) {
                lost = !step(i, frame, frameOffset);
            }
        }
    }

    /** Checks and applies the instruction {@code i} to {@code frame}, with its branches and handlers; false if it fails. */
    private boolean step(int i, Frame frame, int frameOffset) {
        Opcode opcode = code.opcodes[i];
        int[] covering = handlersAt[i];
        try {
            boolean initThis = false;
            if (covering.length > 0) {
                if (opcode.kind() == Opcode.Kind.STORE) {
                    // HotSpot checks a store's handlers with the locals before it, and only those
                    checkHandlers(i, covering, frame, false);
                } else if (opcode == Opcode.INVOKESPECIAL && code.pool.name(code.member(i)).equals("<init>")) {
                    // a constructor that throws leaves its object uninitialized: the handler sees the locals
                    // before the call and (below) after it, with this still uninitialized if it was the object
                    VType object = frame.peek(cls.signature(code.pool.descriptor(code.member(i))).parameters().length);
                    initThis = object instanceof VType.UninitializedThis;
                    checkHandlers(i, covering, frame, initThis);
                }
            }
            effects.apply(i, frame);
            for (int target : targets[i]) {
                Frame at = declared[target];
                if (at == null) {
                    problem(i, "StackMapTable: no frame at branch target " + code.offsets[target]);
                } else {
                    String mismatch = mismatch(frame, at);
                    if (mismatch != null) {
                        problem(i, "StackMapTable: the frame at " + code.offsets[target] + mismatch + " from "
                                + code.offsets[i]);
                    }
                }
            }
            if (covering.length > 0 && opcode.kind() != Opcode.Kind.STORE) {
                checkHandlers(i, covering, frame, initThis);
            }
            return true;
        } catch (Rejection rejection) {
            problems.add(new Problem(i, new Rejection(rejection.rule, "StackMapTable: "
                    + (frameOffset < 0 ? "from the method's entry" : "from the frame at " + frameOffset) + ", "
                    + rejection.getMessage())));
            return false;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // the ClassFile API reads constant pool operands lazily (the inference reports these where it reaches them)
            problems.add(new Problem(i, new Rejection(Rules.CONSTANT_POOL, "a constant pool operand is invalid: "
                    + e.getMessage())));
            return false;
        }
    }

    /**
     * The frame of each handler covering instruction {@code i} must take the working frame's locals
     * with the caught type alone on the stack. Skipped while neither the locals nor the handlers
     * changed since the last time; {@code thisUninitialized} forces the constructor flag on.
     */
    private void checkHandlers(int i, int[] covering, Frame frame, boolean thisUninitialized) {
        if (!thisUninitialized && covering == handlersChecked && !frame.localsChanged) {
            return;
        }
        for (int h : covering) {
            MethodVerifier.Handler handler = handlers[h];
            Frame at = declared[handler.handler()];
            int handlerOffset = code.offsets[handler.handler()];
            if (at == null) {
                problem(i, "StackMapTable: no frame at exception handler " + handlerOffset);
                continue;
            }
            String mismatch = mismatch(frame.locals, new VType[] {handler.catchType()}, 1,
                    frame.thisUninitialized || thisUninitialized, at);
            if (mismatch != null) {
                problem(i, "StackMapTable: the frame at exception handler " + handlerOffset + mismatch + " from "
                        + code.offsets[i]);
            }
        }
        if (!thisUninitialized) {
            handlersChecked = covering;
            frame.localsChanged = false;
        }
    }

    /**
     * Why {@code incoming} is not assignable to the declared frame {@code target} (JVMS
     * frameIsAssignable: the same stack depth, each local and stack value assignable, and this not
     * uninitialized where the frame says it is), as the rest of a sentence; null if it is.
     */
    private String mismatch(Frame incoming, Frame target) {
        return mismatch(incoming.locals, incoming.stack, incoming.depth, incoming.thisUninitialized, target);
    }

    private String mismatch(VType[] locals, VType[] stack, int depth, boolean thisUninitialized, Frame target) {
        if (depth != target.depth) {
            return " has " + values(target.depth) + " on the stack, but " + values(depth) + (depth == 1 ? " flows in" : " flow in");
        }
        for (int i = 0; i < target.locals.length; i++) {
            if (!cls.merger.isAssignable(locals[i], target.locals[i])) {
                return " says local " + i + " is " + name(target.locals[i]) + ", but " + name(locals[i]) + " flows in";
            }
        }
        for (int i = 0; i < depth; i++) {
            if (!cls.merger.isAssignable(stack[i], target.stack[i])) {
                return " says stack slot " + i + " is " + name(target.stack[i]) + ", but " + name(stack[i]) + " flows in";
            }
        }
        if (thisUninitialized && !target.thisUninitialized) {
            return " says this is initialized (no local is uninitialized this), but an uninitialized this flows in";
        }
        return null;
    }

    private static String values(int n) {
        return n + (n == 1 ? " value" : " values");
    }

    private static String name(VType type) {
        return type instanceof VType.Top ? "top (no value)" : type.describe();
    }

    private void problem(int index, String message) {
        problems.add(new Problem(index, Rejection.type(message)));
    }
}
