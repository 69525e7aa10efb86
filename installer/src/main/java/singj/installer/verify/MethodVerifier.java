package singj.installer.verify;

import java.lang.classfile.ClassFile;
import java.lang.classfile.Opcode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import singj.installer.Violation;

/**
 * Verifies one method by abstract interpretation: starting from the types the descriptor gives
 * the parameters, it walks every path, merging the frames where paths join (branch targets,
 * exception handlers) until nothing changes. The frames live only at the starts of basic blocks;
 * inside a block one working frame is updated in place.
 *
 * <p>An instruction that fails on some path is reported, that path is dropped, and the walk goes
 * on, so that one method can report several violations (at most one per instruction).
 *
 * <p>From class version 51 the {@link StackMapCheck} runs first: the JVM decides those classes by
 * their frames, so when the frames check the inference is needed only for the types of identity
 * operations, and is skipped in a method without any.
 */
final class MethodVerifier {
    /** Enough to act on; a method with more is hopeless anyway. */
    private static final int MAX_VIOLATIONS_PER_METHOD = 20;
    /**
     * From this class version HotSpot checks every instruction against the stack map frames, dead
     * code too, and never falls back to type inference; before it (and at 50, when the frames fail)
     * it infers types along the paths that run, so dead code that would fall off the end is no error.
     */
    private static final int TYPE_CHECKED_VERSION = 51;
    private static final String FALLS_OFF_THE_END = "execution falls off the end of the code";

    /** The branch targets of an instruction that does not branch: shared, never written. */
    private static final int[] NO_TARGETS = new int[0];

    /** An exception handler: the instructions it covers ({@code start} to {@code end}, exclusive), and its own, by index. */
    record Handler(int start, int end, int handler, VType.Reference catchType) {}

    private final ClassContext cls;
    /** The method as the format check read it, and its name. */
    private final ClassFormat.Method method;
    private final String name;
    private final List<Violation> violations;
    private final List<IdentitySite> identitySites;
    private final IdentityUses identityUses;
    private final Set<Integer> reportedOffsets = new HashSet<>();

    private CodeIndex code;
    private Frame[] entries;
    /** The blocks whose entry frame changed since they were last walked, by the index of their first instruction. */
    private final BitSet work = new BitSet();
    /** No block below this one is in {@link #work}: where the search for the next one starts. */
    private int lowestWork;
    private Handler[] handlers;
    /** For each instruction, the handlers that cover it (consecutive instructions with the same handlers share one array). */
    private int[][] handlersAt;
    /** For each instruction, whether execution can go on to the next one. */
    private boolean[] continues;

    private MethodVerifier(ClassContext cls, ClassFormat.Method method, List<Violation> violations,
                           List<IdentitySite> identitySites) {
        this.cls = cls;
        this.method = method;
        this.name = cls.pool.text(method.name());
        this.violations = violations;
        this.identitySites = identitySites;
        this.identityUses = new IdentityUses(cls.merger);
    }

    /** The method as violations name it: its name and descriptor. */
    private String where() {
        return name + cls.pool.text(method.descriptor());
    }

    /** Verifies {@code method}: its violations are added to {@code violations}, its identity operations to {@code identitySites}. */
    static void verify(ClassContext cls, ClassFormat.Method method, byte[] bytes, List<Violation> violations,
                       List<IdentitySite> identitySites) {
        new MethodVerifier(cls, method, violations, identitySites).run(bytes, method.code());
    }

    /** Verifies the method whose Code attribute {@code layout} locates in {@code bytes} (null if it has none). */
    private void run(byte[] bytes, ClassFormat.CodeLayout layout) {
        boolean bodiless = !ClassFormat.isClassInitializer(name)
                && (method.access() & (ClassFile.ACC_ABSTRACT | ClassFile.ACC_NATIVE)) != 0;
        if (bodiless || layout == null) {
            if (bodiless == (layout == null)) {
                return;
            }
            report(Rules.MALFORMED_CLASS, -1, -1, bodiless ? "an abstract or native method has a Code attribute"
                    : "the method has no Code attribute");
            return;
        }
        Descriptors.MethodSig sig;
        try {
            sig = cls.signature(method.descriptor());
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            report(Rules.CONSTANT_POOL, -1, -1, "the method's descriptor is malformed: " + cls.pool.text(method.descriptor()));
            return;
        }
        try {
            code = new CodeIndex(bytes, layout, cls.pool);
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            // an unknown opcode, or a switch whose counts cannot fit the code
            report(Rules.CODE_STRUCTURE, -1, -1, "the code does not decode: " + e.getMessage());
            return;
        }
        if (code.size() == 0 || code.codeLength() > 65535) {
            report(Rules.CODE_STRUCTURE, -1, -1, "the code length is " + code.codeLength() + "; it must be 1 to 65535 bytes");
            return;
        }
        if (code.decodedLength != code.codeLength()) {
            report(Rules.CODE_STRUCTURE, code.offsets[code.size() - 1], -1, "the last instruction runs past the end of the code");
            return;
        }
        Frame initial = initialFrame(sig);
        if (initial == null) {
            return;
        }
        int[][] targets = new int[code.size()][];
        boolean[] leader = new boolean[code.size() + 1];
        continues = new boolean[code.size()];
        if (!readControlFlow(targets, leader)) {
            return; // the structure is broken: the types cannot even be followed
        }
        List<StackMapCheck.Problem> frameProblems = List.of();
        if (cls.majorVersion >= StackMapCheck.FIRST_CHECKED_VERSION) {
            // the JVM holds these class files to their frames, not to the types inferred below
            IdentityUses fromFrames = new IdentityUses(cls.merger);
            int argumentSlots = sig.parameterSlots() + (isStatic() ? 0 : 1);
            frameProblems = StackMapCheck.check(cls, code, name, sig.returns(), initial,
                    argumentSlots, targets, continues, handlers, handlersAt, fromFrames);
            if (frameProblems.isEmpty() && fromFrames.byOffset().isEmpty()) {
                // the JVM's own verdict, and no identity operation needs the inferred types (the frame
                // check walks every instruction, so it meets any there is): the inference is skipped
                return;
            }
        }
        entries = new Frame[code.size()];
        entries[0] = initial;
        work.set(0);
        walk(new InstructionEffects(cls, code, name, sig.returns(), identityUses), targets,
                leader, new Frame(code.maxLocals, code.maxStack));
        for (StackMapCheck.Problem problem : frameProblems) {
            if (problem.index() < 0) {
                report(problem.rejection().rule, -1, -1, problem.rejection().getMessage());
            } else {
                reportAt(problem.index(), problem.rejection());
            }
        }
        identityUses.byOffset().forEach((offset, use) -> {
            int index = code.indexAt(offset);
            String type = use.operand() instanceof VType.Reference reference ? reference.name() : null;
            identitySites.add(new IdentitySite(cls.binaryName, where(), offset, code.line(index), index, use.operation(), type,
                    classConstantFor(index, use.operation(), leader)));
        });
    }

    /**
     * The class named by the {@code ldc} that pushes the object of the identity operation at
     * {@code index}, when the code shows it: the constant right before the operation (javac's
     * {@code ldc; dup; astore; monitorenter} for {@code synchronized (Foo.class)}, or
     * {@code ldc; <arguments>; invokevirtual wait}), with no branch or handler joining in between.
     * Null otherwise.
     */
    private String classConstantFor(int index, IdentitySite.Operation operation, boolean[] leader) {
        int producer = index - 1;
        if (operation == IdentitySite.Operation.MONITOR_ENTER) {
            if (producer >= 2 && code.opcodes[producer].kind() == Opcode.Kind.STORE
                    && code.opcodes[producer - 1] == Opcode.DUP) {
                producer -= 2;
            }
        } else if (operation != IdentitySite.Operation.IDENTITY_HASH_CODE) {
            int arguments = cls.signature(code.pool.descriptor(code.member(index))).parameters().length;
            for (int k = 0; k < arguments; k++, producer--) {
                if (producer < 0 || !(code.opcodes[producer].kind() == Opcode.Kind.CONSTANT
                        || code.opcodes[producer].kind() == Opcode.Kind.LOAD)) {
                    return null;
                }
            }
        }
        if (producer < 0) {
            return null;
        }
        for (int i = producer + 1; i <= index; i++) {
            if (leader[i]) {
                return null; // another path joins: the object may come from elsewhere
            }
        }
        Opcode opcode = code.opcodes[producer];
        boolean ldc = opcode == Opcode.LDC || opcode == Opcode.LDC_W || opcode == Opcode.LDC2_W;
        if (!ldc) {
            return null;
        }
        int constant = code.loadable(producer);
        return code.pool.tag(constant) == ClassFormat.CLASS ? code.pool.className(constant) : null;
    }

    private boolean isStatic() {
        return (method.access() & ClassFile.ACC_STATIC) != 0;
    }

    private Frame initialFrame(Descriptors.MethodSig sig) {
        boolean isStatic = isStatic();
        int needed = sig.parameterSlots() + (isStatic ? 0 : 1);
        if (needed > code.maxLocals) {
            report(Rules.TYPE_SAFETY, -1, -1, "the parameters need " + needed + " local slots, but max_locals is "
                    + code.maxLocals);
            return null;
        }
        Frame frame = new Frame(code.maxLocals, code.maxStack);
        int slot = 0;
        if (!isStatic) {
            boolean constructor = name.equals("<init>") && !cls.name.equals(TypeMerger.OBJECT);
            frame.locals[slot++] = constructor ? VType.UNINITIALIZED_THIS : cls.thisType();
            frame.thisUninitialized = constructor;
        }
        for (VType parameter : sig.parameters()) {
            frame.locals[slot] = parameter;
            slot += parameter.size();
        }
        return frame;
    }

    /**
     * Finds where each instruction can go and where basic blocks start, and checks that every
     * branch target and handler boundary is the start of an instruction. False if any is not.
     */
    private boolean readControlFlow(int[][] targets, boolean[] leader) {
        boolean sound = true;
        leader[0] = true;
        int last = code.size() - 1;
        int maxLocals = code.maxLocals;
        for (int i = 0; i <= last; i++) {
            Opcode opcode = code.opcodes[i];
            try {
                targets[i] = switch (opcode.kind()) {
                    case BRANCH -> new int[] {code.target(code.branchTarget(i), "the branch target")};
                    case TABLE_SWITCH, LOOKUP_SWITCH -> switchTargets(i);
                    default -> NO_TARGETS;
                };
                StaticConstraints.check(code, i, cls.majorVersion, maxLocals);
            } catch (Rejection rejection) {
                reportAt(i, rejection);
                sound = false;
            } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                // the ClassFile API reads operands lazily: a constant of the wrong kind, or a branch
                // target outside the code, surfaces here
                boolean outside = targets[i] == null;
                reportAt(i, new Rejection(outside ? Rules.CODE_STRUCTURE : Rules.CONSTANT_POOL, (outside
                        ? "a branch target is outside the code: " : "a constant pool operand is invalid: ") + e.getMessage()));
                sound = false;
            }
            if (targets[i] == null) {
                targets[i] = NO_TARGETS;
            }
            for (int target : targets[i]) {
                leader[target] = true;
            }
            continues[i] = fallsThrough(opcode);
            if (!continues[i]) {
                leader[i + 1] = true;
            } else if (i == last && opcode.kind() != Opcode.Kind.DISCONTINUED_JSR && opcode.kind() != Opcode.Kind.DISCONTINUED_RET) {
                if (cls.majorVersion >= TYPE_CHECKED_VERSION) {
                    reportAt(i, new Rejection(Rules.CODE_STRUCTURE, FALLS_OFF_THE_END));
                    sound = false;
                } // else only a path that reaches the end falls off it (walk)
            } else if (targets[i].length > 0) {
                leader[i + 1] = true;
            }
        }
        List<Handler> handlers = new ArrayList<>();
        for (int k = 0, count = code.handlerCount(); k < count; k++) {
            int start = code.handlerField(k, 0);
            int end = code.handlerField(k, 1);
            int handlerOffset = code.handlerField(k, 2);
            String caught = code.catchType(k);
            int startIndex = code.indexAt(start);
            int endIndex = end == code.codeLength() ? code.size() : code.indexAt(end);
            int handlerIndex = code.indexAt(handlerOffset);
            String range = "the exception handler at " + handlerOffset + " for " + start + ".." + end;
            String problem = null;
            if (startIndex < 0 || endIndex < 0) {
                problem = range + ": the range does not start and end on instruction boundaries";
            } else if (start >= end) {
                problem = range + ": the range ends before it starts";
            } else if (handlerIndex < 0) {
                problem = range + ": the handler is not the start of an instruction";
            }
            if (problem != null) {
                report(Rules.CODE_STRUCTURE, Math.max(0, Math.min(start, code.codeLength() - 1)), -1, problem);
                sound = false;
                continue;
            }
            VType.Reference catchType = InstructionEffects.THROWABLE;
            if (caught != null) {
                String type = caught;
                if (type.charAt(0) == '[' || !cls.merger.isSubclass(type, InstructionEffects.THROWABLE.name())
                        || cls.merger.shape(type).isEmpty()) {
                    report(Rules.TYPE_SAFETY, handlerOffset, code.line(handlerIndex), range + " catches "
                            + Descriptors.javaName(type) + ", which is not a known subclass of java.lang.Throwable");
                    sound = false;
                    continue;
                }
                catchType = new VType.Reference(type);
            }
            handlers.add(new Handler(startIndex, endIndex, handlerIndex, catchType));
            leader[handlerIndex] = true;
        }
        this.handlers = handlers.toArray(Handler[]::new);
        handlersAt = coveringHandlers(this.handlers, code.size());
        return sound;
    }

    private static final int[] NO_HANDLERS = new int[0];

    private static int[][] coveringHandlers(Handler[] handlers, int size) {
        int[][] result = new int[size][];
        if (handlers.length == 0) {
            Arrays.fill(result, NO_HANDLERS);
            return result;
        }
        int[] previous = NO_HANDLERS;
        int[] covering = new int[handlers.length];
        for (int i = 0; i < size; i++) {
            int n = 0;
            for (int h = 0; h < handlers.length; h++) {
                if (i >= handlers[h].start() && i < handlers[h].end()) {
                    covering[n++] = h;
                }
            }
            if (!Arrays.equals(covering, 0, n, previous, 0, previous.length)) {
                previous = Arrays.copyOf(covering, n);
            }
            result[i] = previous;
        }
        return result;
    }

    private int[] switchTargets(int i) {
        int[] result = code.switchTargets(i);
        for (int k = 0; k < result.length; k++) {
            result[k] = code.target(result[k], "the switch target");
        }
        return result;
    }

    private static boolean fallsThrough(Opcode opcode) {
        return switch (opcode.kind()) {
            case BRANCH -> opcode != Opcode.GOTO && opcode != Opcode.GOTO_W;
            case TABLE_SWITCH, LOOKUP_SWITCH, RETURN, THROW_EXCEPTION, DISCONTINUED_JSR, DISCONTINUED_RET -> false;
            default -> true;
        };
    }

    /** The fixed point: walks blocks from the work list until no stored frame changes. */
    private void walk(InstructionEffects effects, int[][] targets, boolean[] leader, Frame frame) {
        // the lowest block first: for javac's code that is close to reverse post-order
        for (int start = work.nextSetBit(0); start >= 0; start = work.nextSetBit(lowestWork)) {
            lowestWork = start;
            work.clear(start);
            frame.copyFrom(entries[start]);
            int[] handlersSeen = null; // the handlers that have seen the frame's current locals
            int i = start;
            while (true) {
                try {
                    int[] covering = handlersAt[i];
                    if (covering.length > 0 && (frame.localsChanged || covering != handlersSeen)) {
                        for (int handler : covering) {
                            flowToHandler(handlers[handler], frame);
                        }
                        frame.localsChanged = false;
                        handlersSeen = covering;
                    }
                    boolean thisWasUninitialized = frame.thisUninitialized;
                    effects.apply(i, frame);
                    if (covering.length > 0) {
                        flowAfterToHandlers(code.opcodes[i], covering, thisWasUninitialized, frame);
                    }
                    for (int target : targets[i]) {
                        flowTo(target, frame);
                    }
                    if (!continues[i]) {
                        break;
                    }
                    if (i == code.size() - 1) {
                        throw new Rejection(Rules.CODE_STRUCTURE, FALLS_OFF_THE_END);
                    }
                    i++;
                    if (leader[i]) {
                        flowTo(i, frame);
                        break;
                    }
                } catch (Rejection rejection) {
                    reportAt(i, rejection);
                    break;
                } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
                    // the ClassFile API reads constant pool operands lazily, and says so when one is of the wrong kind
                    reportAt(i, new Rejection(Rules.CONSTANT_POOL, "a constant pool operand is invalid: " + e.getMessage()));
                    break;
                }
            }
            if (reportedOffsets.size() >= MAX_VIOLATIONS_PER_METHOD) {
                return;
            }
        }
    }

    /**
     * The handlers around an instruction see the locals after it too, as HotSpot checks them (JVMS
     * 4.10.1.6 names only the locals before it; a store's handlers see only those). This matters for
     * {@code <init>}: a constructor that throws leaves its object in a state no frame names (it may
     * have run in part), so in the handler the object is neither uninitialized nor initialized, and
     * unusable; "this is uninitialized" comes from before the call, so the handler cannot return.
     * From class version 51 the JVM's type checker cannot type any handler around super() or this():
     * the frame before the call needs uninitializedThis in the handler's frame, the frame after it
     * cannot have it.
     */
    private void flowAfterToHandlers(Opcode opcode, int[] covering, boolean thisWasUninitialized, Frame frame) {
        if (thisWasUninitialized && !frame.thisUninitialized && cls.majorVersion >= 51) {
            throw Rejection.type("super() or this() is inside the range of the exception handler at "
                    + code.offsets[handlers[covering[0]].handler()] + ", which class file version 51 and later cannot have ("
                    + cls.binaryName + " is version " + cls.majorVersion + ")");
        }
        if (frame.localsChanged && opcode.kind() != Opcode.Kind.STORE) {
            for (int handler : covering) {
                flowToHandler(handlers[handler], frame);
            }
            frame.localsChanged = false;
        }
    }

    private void addWork(int block) {
        work.set(block);
        lowestWork = Math.min(lowestWork, block);
    }

    private void flowTo(int target, Frame frame) {
        Frame stored = entries[target];
        if (stored == null) {
            entries[target] = frame.copy();
            addWork(target);
        } else if (stored.mergeFrom(frame, cls.merger)) {
            addWork(target);
        }
    }

    /** A handler sees the locals of every instruction it covers and only the caught exception on the stack. */
    private void flowToHandler(Handler handler, Frame frame) {
        Frame stored = entries[handler.handler()];
        if (stored == null) {
            stored = frame.copy();
            stored.clearStack();
            stored.push(handler.catchType());
            entries[handler.handler()] = stored;
            addWork(handler.handler());
            return;
        }
        // the handler may also be reached by a branch or by falling into it, with another stack
        if (stored.depth != 1) {
            throw Rejection.type("the exception handler at " + code.offsets[handler.handler()] + " is reached with "
                    + stored.depth + " values on the stack on one path and with the exception alone on another");
        }
        VType caught = cls.merger.merge(handler.catchType(), stored.stack[0]);
        if (caught instanceof VType.Conflict conflict) {
            throw Rejection.type("the exception handler's stack slot 0 is " + conflict.describe());
        }
        boolean changed = !caught.equals(stored.stack[0]);
        stored.stack[0] = caught;
        if (stored.mergeLocalsFrom(frame, cls.merger) || changed) {
            addWork(handler.handler());
        }
    }

    private void reportAt(int index, Rejection rejection) {
        if (!reportedOffsets.add(code.offsets[index])) {
            return;
        }
        violations.add(new Violation(rejection.rule, cls.binaryName, where(), code.offsets[index], code.line(index),
                InstructionText.describe(code, index) + ": " + rejection.getMessage()));
    }

    private void report(String rule, int offset, int line, String message) {
        reportedOffsets.add(offset);
        violations.add(new Violation(rule, cls.binaryName, where(), offset, line, message));
    }
}
