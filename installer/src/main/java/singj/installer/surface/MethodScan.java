package singj.installer.surface;

import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeModel;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StackInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * What one JDK method does, read from its bytecode: the calls it makes, with where each receiver
 * came from; the classes it creates; the sinks it reaches by itself (a static write, a lock on
 * its caller's object). Where a value came from is an {@link Origin}, found by one abstract
 * interpretation of the code in order, repeated until the states at branch targets settle; an
 * exception handler starts from the union of every value its method's locals ever held (so an
 * origin is never narrower than on any path).
 */
final class MethodScan {
    /** A call site: {@code owner.nameAndType}, how it is invoked, where its receiver and arguments came from. */
    record Call(Opcode kind, String owner, String nameAndType, int receiver, int[] arguments, String receiverField,
                String receiverAtom, int fixedValues, String[] argumentAtoms) {
        /**
         * Whether the receiver is certainly an object the method's caller supplied, other than
         * {@code this} (whose methods are this JDK class's own, or overrides in the SIP's code).
         */
        boolean onCallersObject() {
            return kind != Opcode.INVOKESTATIC && kind != Opcode.INVOKESPECIAL && Origin.fromCaller(receiver)
                    && Origin.identity(receiver) != Origin.THIS;
        }

        /** Whether the receiver is certainly {@code this}. */
        boolean onThis() {
            return kind != Opcode.INVOKESTATIC && Origin.identity(receiver) == Origin.THIS;
        }

        /**
         * Whether the value at {@code position} (receiver first for an instance call) is an
         * object nothing changes: a string or a class constant, a static field whose class is
         * immutable, or any value whose declared type in the callee is such a class.
         */
        boolean fixedAt(int position) {
            return (fixedValues & (1 << Math.min(position, 30))) != 0;
        }

        /** The origins of the receiver (if any) and the arguments, in the callee's order. */
        int[] positions() {
            if (kind == Opcode.INVOKESTATIC) {
                return arguments;
            }
            int[] all = new int[arguments.length + 1];
            all[0] = receiver;
            System.arraycopy(arguments, 0, all, 1, arguments.length);
            return all;
        }
    }

    /** A sink found in the method's own code, with a few words on where. */
    record LocalSink(Sink sink, String detail) {}

    /** The facts about one method. */
    record Facts(String owner, List<Call> calls, List<LocalSink> sinks, Set<String> created, Set<String> staticReads,
                 Set<String> monitorFields, Map<String, Integer> fieldsFromCaller, int lockedParams, int shareableParams,
                 int[] flows, String staticWrite, String sharedState, int changes,
                 boolean callsBack, Map<String, Set<String>> fieldStores, Set<String> returnAtoms) {}

    /** In {@link Facts#fieldStores} (the atoms of what is stored): a value this method cannot tell. */
    static final String UNKNOWN_CLASS = "?";

    /*
     * What object a reference is, where the method can tell, as one "atom": a class name (made
     * by new here), "ret:N" (the result of the method's N-th call), "fld:owner.name" (read from
     * that field); null when it cannot tell. SurfaceAnalysis resolves atoms to the classes a
     * virtual call on the value can reach, far fewer than every class the JDK creates.
     */
    static final String RETURNED = "ret:";
    static final String FIELD = "fld:";
    /**
     * The caller's objects as atoms: "this", and "par:N" (the N-th parameter, from 0), as they
     * arrived. What they are depends on the caller, so the whole-JDK analysis reads them as
     * unknown ({@link #isCallersObject}); {@link FieldTypes} follows them to the callers.
     */
    static final String RECEIVER = "this";
    static final String PARAMETER = "par:";

    /** Whether an atom is one of the caller's objects ({@link #RECEIVER}, {@link #PARAMETER}). */
    static boolean isCallersObject(String atom) {
        return atom != null && (atom.equals(RECEIVER) || atom.startsWith(PARAMETER));
    }

    /** Whether a stored atom says nothing this method can tell of the value's class. */
    static boolean isUnknown(String atom) {
        return atom == null || atom.equals(UNKNOWN_CLASS) || isCallersObject(atom);
    }

    private final String owner;
    private final MethodModel method;
    private final CodeModel code;
    private int[] locals;
    /** Every value each local has held anywhere: where a handler starts. */
    private int[] localsEver;
    private int[] initialLocals;
    private final Map<Label, int[]> branchLocals = new HashMap<>();
    private int[] stack = new int[16];
    private String[] stackField = new String[16];
    private int depth;
    private boolean alive;
    private final Map<Label, int[]> branchStacks = new HashMap<>();
    private boolean sharedLock;
    /** The parameters this method locks directly (not through a field of theirs). */
    private int lockedParams;
    private final Set<Label> handlers = new HashSet<>();

    private List<Call> calls;
    private List<LocalSink> sinks;
    private Set<String> created;
    private Set<String> staticReads;
    private Set<String> monitorFields;
    /** Each field this method stores one of its parameters into, with the parameters' bits. */
    private Map<String, Integer> fieldsFromCaller;
    /**
     * For each position of the frame ({@link Origin#POSITIONS}), the origins of the caller's data
     * this method stores into the object there; what it stores into shared objects is at
     * {@link Origin#STATIC_POSITION}.
     */
    private int[] flows;
    /** The first static write of the caller's data, described. */
    private String staticWrite;
    /**
     * The first change this method may make itself to state every SIP shares (any data, not only
     * the caller's), described: a thread stopped in the middle of it could leave that state
     * broken for everyone ({@link SurfaceAnalysis#unstoppable}).
     */
    private String sharedState;
    /** The caller's objects (as {@link Origin#CALLER} bits) this method's own code writes into. */
    private int changes;
    /** For each stack slot, the {@code new} it holds (its offset + 1) until its constructor ran, or 0. */
    private int[] stackNew = new int[16];
    private int newSites;
    /** For each stack slot and local, the atom of the reference there (see {@link #RETURNED}), or null. */
    private String[] stackAtoms = new String[16];
    private String[] localAtoms;
    private String[] initialAtoms;
    private final Map<Label, String[]> branchAtoms = new HashMap<>();
    /** The atoms of the references this method returns; null once one is unknown. */
    private Set<String> returnAtoms;
    /** Each field this method stores a reference into, with the classes of what it stores. */
    private Map<String, Set<String>> fieldStores;

    /** The parameters whose declared type admits an object every SIP shares (a string, a class, a box, a JDK enum). */
    private int shareableParams;
    private final Predicate<ClassDesc> shareable;
    /** Classes whose shared instances nothing changes: calls on them leave shared state as it was. */
    private final Predicate<String> immutable;
    /** The static fields read here whose declared class is one of those. */
    private final Set<String> immutableStatics = new HashSet<>();

    private MethodScan(ClassModel model, MethodModel method, CodeModel code, Predicate<ClassDesc> shareable,
                       Predicate<String> immutable) {
        this.owner = model.thisClass().asInternalName();
        this.method = method;
        this.code = code;
        this.shareable = shareable;
        this.immutable = immutable;
    }

    /**
     * Reads {@code method}; {@code shareable} says whether a declared type admits objects every
     * SIP shares, which a caller could hand in to be locked.
     */
    static Facts scan(ClassModel model, MethodModel method, Predicate<ClassDesc> shareable, Predicate<String> immutable) {
        CodeModel code = method.code().orElseThrow();
        MethodScan scan = new MethodScan(model, method, code, shareable, immutable);
        return scan.run();
    }

    private Facts run() {
        for (ExceptionCatch handler : code.exceptionHandlers()) {
            handlers.add(handler.handler());
        }
        locals = new int[(code instanceof java.lang.classfile.attribute.CodeAttribute attribute ? attribute.maxLocals() : 256) + 2];
        int slot = 0;
        boolean lambdaBody = method.flags().has(AccessFlag.SYNTHETIC) && method.methodName().stringValue().startsWith("lambda$");
        initialAtoms = new String[locals.length];
        if (!method.flags().has(AccessFlag.STATIC)) {
            initialAtoms[slot] = RECEIVER;
            locals[slot++] = Origin.THIS;
        }
        List<ClassDesc> parameters = method.methodTypeSymbol().parameterList();
        for (int i = 0; i < parameters.size(); i++) {
            // a lambda body's parameters start with its captured values, which are its creator's own
            ClassDesc type = parameters.get(i);
            if (!type.isPrimitive() && shareable.test(type)) {
                shareableParams |= Origin.param(i);
            }
            locals[slot] = lambdaBody ? Origin.OTHER : type.isPrimitive() ? Origin.computed(Origin.param(i)) : Origin.param(i);
            initialAtoms[slot] = type.isPrimitive() ? null : PARAMETER + i;
            slot += TypeKind.from(type).slotSize();
        }
        initialLocals = locals.clone();
        localsEver = locals.clone();
        int passes = 0;
        boolean settled;
        do { // the states at branch targets only grow: a few passes reach the fixed point
            Map<Label, int[]> stacksBefore = copy(branchStacks);
            Map<Label, int[]> localsBefore = copy(branchLocals);
            int[] everBefore = localsEver.clone();
            pass();
            settled = same(stacksBefore, branchStacks) && same(localsBefore, branchLocals)
                    && Arrays.equals(everBefore, localsEver);
        } while (!settled && ++passes < 12);
        boolean callsBack = calls.stream().anyMatch(MethodScan::mayCallBack);
        if (callsBack && sharedLock) {
            sinks.add(new LocalSink(Sink.SHARED_MONITOR, "calls its caller's code while holding the lock of an object "
                    + "every SIP shares"));
        }
        if (callsBack && method.flags().has(AccessFlag.SYNCHRONIZED) && method.flags().has(AccessFlag.STATIC)) {
            sinks.add(new LocalSink(Sink.SHARED_MONITOR, "calls its caller's code while holding the lock of its class"));
        }
        return new Facts(owner, calls, sinks, created, staticReads, monitorFields, fieldsFromCaller,
                callsBack ? lockedParams : 0, shareableParams, flows,
                staticWrite, sharedState, changes,
                callsBack, fieldStores, returnAtoms);
    }

    private void pass() {
        calls = new ArrayList<>();
        sinks = new ArrayList<>();
        created = new HashSet<>();
        staticReads = new HashSet<>();
        monitorFields = new HashSet<>();
        fieldsFromCaller = new HashMap<>();
        lockedParams = 0;
        sharedLock = false;
        flows = new int[Origin.POSITIONS];
        fieldStores = new HashMap<>();
        staticWrite = null;
        sharedState = null;
        changes = 0;
        newSites = 0;
        locals = initialLocals.clone();
        localAtoms = initialAtoms.clone();
        returnAtoms = new HashSet<>();
        depth = 0;
        alive = true;
        for (CodeElement element : code) {
            step(element);
        }
    }

    private void step(CodeElement element) {
        switch (element) {
            case LabelTarget target -> arrive(target.label());
            case LoadInstruction load -> {
                push(locals[load.slot()], load.typeKind().slotSize());
                stackAtoms[depth - 1] = localAtoms[load.slot()];
            }
            case StoreInstruction store -> {
                String atom = depth > 0 ? stackAtoms[depth - 1] : null;
                int value = pop(store.typeKind().slotSize());
                locals[store.slot()] = value;
                localAtoms[store.slot()] = store.typeKind() == TypeKind.REFERENCE ? atom : null;
                localsEver[store.slot()] |= value;
            }
            case ConstantInstruction constant -> {
                boolean classLiteral = constant instanceof ConstantInstruction.LoadConstantInstruction ldc
                        && ldc.constantEntry() instanceof ClassEntry;
                push(classLiteral ? Origin.STATIC : Origin.OTHER, constant.typeKind().slotSize()); // a Class is shared
                if (constant instanceof ConstantInstruction.LoadConstantInstruction ldc
                        && ldc.constantEntry() instanceof java.lang.classfile.constantpool.StringEntry) {
                    stackAtoms[depth - 1] = "java/lang/String";
                } else if (classLiteral) {
                    stackAtoms[depth - 1] = "java/lang/Class";
                }
            }
            case OperatorInstruction operator -> operator(operator);
            case ConvertInstruction convert -> push(Origin.computed(pop(convert.fromType().slotSize())),
                    convert.toType().slotSize());
            case StackInstruction shuffle -> shuffle(shuffle.opcode());
            case BranchInstruction branch -> {
                switch (branch.opcode()) {
                    case GOTO, GOTO_W -> { }
                    case IF_ICMPEQ, IF_ICMPNE, IF_ICMPLT, IF_ICMPGE, IF_ICMPGT, IF_ICMPLE, IF_ACMPEQ, IF_ACMPNE -> pop(2);
                    default -> pop(1);
                }
                jump(branch.target());
                if (branch.opcode() == Opcode.GOTO || branch.opcode() == Opcode.GOTO_W) {
                    alive = false;
                }
            }
            case TableSwitchInstruction table -> {
                pop(1);
                jump(table.defaultTarget());
                table.cases().forEach(c -> jump(c.target()));
                alive = false;
            }
            case LookupSwitchInstruction lookup -> {
                pop(1);
                jump(lookup.defaultTarget());
                lookup.cases().forEach(c -> jump(c.target()));
                alive = false;
            }
            case ReturnInstruction ret -> {
                if (ret.typeKind() == TypeKind.REFERENCE && returnAtoms != null) {
                    String atom = depth > 0 ? stackAtoms[depth - 1] : null;
                    if (atom == null) {
                        returnAtoms = null;
                    } else {
                        returnAtoms.add(atom);
                    }
                }
                alive = false;
            }
            case ThrowInstruction thr -> alive = false;
            case FieldInstruction field -> field(field);
            case InvokeInstruction invoke -> invoke(invoke);
            case InvokeDynamicInstruction indy -> invokedynamic(indy);
            case NewObjectInstruction object -> {
                created.add(object.className().asInternalName());
                push(Origin.OTHER, 1);
                stackNew[depth - 1] = ++newSites;
                stackAtoms[depth - 1] = object.className().asInternalName();
            }
            case NewPrimitiveArrayInstruction array -> push(Origin.computed(pop(1)), 1);
            case NewReferenceArrayInstruction array -> push(Origin.computed(pop(1)), 1);
            case NewMultiArrayInstruction array -> push(Origin.computed(pop(array.dimensions())), 1);
            case ArrayLoadInstruction load -> {
                int index = pop(1);
                int array = pop(1);
                push(load.typeKind() == TypeKind.REFERENCE ? array : Origin.computed(array | index), load.typeKind().slotSize());
            }
            case ArrayStoreInstruction store -> {
                int value = pop(store.typeKind().slotSize());
                pop(1);
                write(pop(1), value, "an array element");
            }
            case TypeCheckInstruction check -> {
                if (check.opcode() == Opcode.INSTANCEOF) {
                    push(Origin.computed(pop(1)), 1);
                }
            }
            case MonitorInstruction monitor -> {
                String field = depth > 0 ? stackField[depth - 1] : null;
                int object = pop(1);
                if (monitor.opcode() == Opcode.MONITORENTER) {
                    // a lock on a shared object, or on an object the caller chose that may be a shared one
                    // (a lock reached through a field of the caller's object is that object's own, unless
                    // some method stored a caller's choice there: fieldsFromCaller)
                    if ((Origin.identity(object) & Origin.STATIC) != 0) {
                        sharedLock = true;
                        changesShared("locks an object reached from a static field");
                    } else if (field == null) {
                        lockedParams |= Origin.identity(object) & Origin.PARAMS;
                    }
                    if (field != null) {
                        monitorFields.add(field);
                    }
                }
            }
            default -> { } // nop, line numbers, local variable tables, iinc
        }
    }

    private void operator(OperatorInstruction operator) {
        int size = operator.typeKind().slotSize();
        switch (operator.opcode()) {
            case INEG, LNEG, FNEG, DNEG -> { }
            case ARRAYLENGTH -> push(Origin.computed(pop(1)), 1);
            case ISHL, ISHR, IUSHR -> push(Origin.computed(pop(1) | pop(1)), 1);
            case LSHL, LSHR, LUSHR -> push(Origin.computed(pop(1) | pop(2)), 2);
            case LCMP, DCMPL, DCMPG -> push(Origin.computed(pop(4)), 1);
            case FCMPL, FCMPG -> push(Origin.computed(pop(2)), 1);
            default -> push(Origin.computed(pop(2 * size)), size);
        }
    }

    private void shuffle(Opcode opcode) {
        if (opcode == Opcode.DUP && depth > 0) { // new; dup; <init>: both copies are the same object
            int id = stackNew[depth - 1];
            String atom = stackAtoms[depth - 1];
            push(stack[depth - 1], 1);
            stackNew[depth - 1] = id;
            stackAtoms[depth - 1] = atom;
            return;
        }
        int a = peek(0);
        int b = peek(1);
        int c = peek(2);
        int d = peek(3);
        switch (opcode) {
            case POP -> pop(1);
            case POP2 -> pop(2);
            case DUP -> push(a, 1);
            case DUP_X1 -> { pop(2); push(a, 1); push(b, 1); push(a, 1); }
            case DUP_X2 -> { pop(3); push(a, 1); push(c, 1); push(b, 1); push(a, 1); }
            case DUP2 -> { push(b, 1); push(a, 1); }
            case DUP2_X1 -> { pop(3); push(b, 1); push(a, 1); push(c, 1); push(b, 1); push(a, 1); }
            case DUP2_X2 -> { pop(4); push(b, 1); push(a, 1); push(d, 1); push(c, 1); push(b, 1); push(a, 1); }
            case SWAP -> { pop(2); push(a, 1); push(b, 1); }
            default -> throw new IllegalStateException("stack instruction " + opcode);
        }
    }

    private void field(FieldInstruction field) {
        int size = TypeKind.from(field.typeSymbol()).slotSize();
        boolean reference = !field.typeSymbol().isPrimitive();
        String name = field.owner().asInternalName() + "." + field.name().stringValue();
        switch (field.opcode()) {
            case GETSTATIC -> {
                staticReads.add(name);
                push(reference ? Origin.STATIC : Origin.OTHER, size);
                if (reference) {
                    stackField[depth - 1] = name;
                    stackAtoms[depth - 1] = FIELD + name;
                    if (field.typeSymbol().isClassOrInterface() && immutable.test(internalName(field.typeSymbol()))) {
                        immutableStatics.add(name);
                    }
                }
            }
            case PUTSTATIC -> {
                storeInto(name, reference);
                int value = pop(size);
                boolean initialiser = method.methodName().equalsString("<clinit>")
                        && field.owner().asInternalName().equals(owner);
                if (!initialiser) {
                    changesShared("writes the static field " + name.replace('/', '.'));
                }
                if (!initialiser && Origin.data(value) != 0) {
                    flows[Origin.STATIC_POSITION] |= Origin.data(value);
                    staticWrite = staticWrite != null ? staticWrite : "stores its caller's data in the static field "
                            + name.replace('/', '.');
                }
            }
            case GETFIELD -> {
                int object = pop(1);
                push(reference ? object : Origin.computed(object), size);
                if (reference) {
                    stackField[depth - 1] = name;
                    stackAtoms[depth - 1] = FIELD + name;
                }
            }
            case PUTFIELD -> {
                storeInto(name, reference);
                int value = pop(size);
                write(pop(1), value, name);
                if (reference && (Origin.identity(value) & Origin.PARAMS) != 0) {
                    fieldsFromCaller.merge(name, Origin.identity(value) & Origin.PARAMS, (a, b) -> a | b);
                }
            }
            default -> throw new IllegalStateException("field instruction " + field.opcode());
        }
    }

    private void storeInto(String field, boolean reference) {
        if (reference) {
            String atom = depth > 0 ? stackAtoms[depth - 1] : null;
            fieldStores.computeIfAbsent(field, f -> new HashSet<>()).add(atom == null ? UNKNOWN_CLASS : atom);
        }
    }

    /** Whether a call may run its caller's code: a call on the caller's object, or one that hands it on. */
    private static boolean mayCallBack(Call call) {
        for (int position : call.positions()) {
            if ((Origin.identity(position) & Origin.CALLER) != 0) {
                return true;
            }
        }
        return false;
    }

    private void changesShared(String what) {
        if (sharedState == null) {
            sharedState = what;
        }
    }

    private void write(int object, int value, String what) {
        changes |= Origin.identity(object) & Origin.CALLER;
        if ((Origin.identity(object) & Origin.STATIC) != 0) {
            changesShared("writes " + what.replace('/', '.') + " of an object reached from a static field");
        }
        for (int bits = object & (Origin.CALLER | Origin.STATIC); bits != 0; bits &= bits - 1) {
            int target = Integer.lowestOneBit(bits);
            int sources = Origin.data(value) & ~target;
            flows[Origin.position(target)] |= sources;
            if (target == Origin.STATIC && sources != 0 && staticWrite == null) {
                staticWrite = "stores its caller's data in " + what.replace('/', '.') + " of an object every SIP shares";
            }
        }
    }

    private void invoke(InvokeInstruction invoke) {
        MethodTypeDesc type = invoke.typeSymbol();
        boolean isStatic = invoke.opcode() == Opcode.INVOKESTATIC;
        int fixedOnStack = fixedOnStack(type, !isStatic);
        String[] argumentAtoms = argumentAtoms(type);
        int[] arguments = popArguments(type);
        int receiverNew = !isStatic && depth > 0 ? stackNew[depth - 1] : 0;
        String receiverField = !isStatic && depth > 0 ? stackField[depth - 1] : null;
        String receiverAtom = !isStatic && depth > 0 ? stackAtoms[depth - 1] : null;
        int receiver = isStatic ? 0 : pop(1);
        String target = invoke.owner().asInternalName();
        String nameAndType = invoke.name().stringValue() + invoke.type().stringValue();
        calls.add(new Call(invoke.opcode(), target, nameAndType, receiver, arguments, receiverField, receiverAtom,
                fixedValues(target, type, !isStatic, fixedOnStack), argumentAtoms));
        if (target.equals("java/lang/Object") && (Origin.identity(receiver) & (Origin.PARAMS | Origin.STATIC)) != 0
                && (nameAndType.startsWith("wait(") || nameAndType.startsWith("notify"))) {
            sinks.add(new LocalSink(Sink.SHARED_MONITOR, "waits on or notifies an object it does not own"));
        }
        int inputs = 0;
        for (int argument : arguments) {
            inputs |= argument;
        }
        if (MemoryAccess.writesThroughArgument(target, invoke.name().stringValue()) && arguments.length > 0) {
            write(arguments[0], inputs & ~arguments[0], "memory");
        }
        if (invoke.opcode() == Opcode.INVOKESPECIAL && invoke.name().equalsString("<init>")
                && Origin.data(inputs) != 0 && receiverNew != 0) {
            for (int i = 0; i < depth; i++) { // the other copies of the new object now hold the caller's data
                if (stackNew[i] == receiverNew) {
                    stack[i] |= Origin.tainted(inputs);
                }
            }
        }
        ClassDesc returns = type.returnType();
        if (!returns.equals(java.lang.constant.ConstantDescs.CD_void)) {
            // what a call on the caller's (or a shared) object returns is reached from that object
            boolean derived = !isStatic && !returns.isPrimitive()
                    && (Origin.identity(receiver) & (Origin.CALLER | Origin.STATIC)) != 0
                    && (receiver & Origin.OTHER) == 0;
            push(derived ? receiver | Origin.tainted(inputs) : Origin.computed(inputs | receiver),
                    TypeKind.from(returns).slotSize());
            if (!returns.isPrimitive()) {
                stackAtoms[depth - 1] = RETURNED + (calls.size() - 1);
            }
        }
    }

    /**
     * The positions of a call (receiver first, as {@link Call#fixedAt}) that hold objects nothing
     * changes, as bits: those {@link #fixedOnStack} found, and those whose declared type is an
     * immutable class. Method and variable handles and {@code Unsafe} act on their arguments:
     * their receiver is fixed too.
     */
    private int fixedValues(String target, MethodTypeDesc type, boolean hasReceiver, int fixedOnStack) {
        int bits = fixedOnStack;
        int first = hasReceiver ? 1 : 0;
        if (hasReceiver && (MemoryAccess.actsOnArguments(target) || immutable.test(target))) {
            bits |= 1;
        }
        for (int i = 0; i < type.parameterCount(); i++) {
            ClassDesc parameter = type.parameterType(i);
            if (parameter.isPrimitive() || parameter.isClassOrInterface() && immutable.test(internalName(parameter))) {
                bits |= 1 << Math.min(first + i, 30);
            }
        }
        return bits;
    }

    /**
     * The positions of a call (receiver first) whose values are, by what the stack says of them,
     * objects nothing changes: a string or class constant, or a static field of an immutable class.
     */
    private int fixedOnStack(MethodTypeDesc type, boolean hasReceiver) {
        int first = hasReceiver ? 1 : 0;
        int bits = 0;
        int slot = depth;
        for (int position = type.parameterCount() - 1 + first; position >= 0; position--) {
            slot -= position < first ? 1 : TypeKind.from(type.parameterType(position - first)).slotSize();
            String atom = slot >= 0 && slot < depth ? stackAtoms[slot] : null;
            if (atom != null && (atom.equals("java/lang/String") || atom.equals("java/lang/Class")
                    || atom.startsWith(FIELD) && immutableStatics.contains(atom.substring(FIELD.length())))) {
                bits |= 1 << Math.min(position, 30);
            }
        }
        return bits;
    }

    /** The atoms of a call's arguments on the stack (not the receiver), in the callee's order; null where unknown. */
    private String[] argumentAtoms(MethodTypeDesc type) {
        String[] atoms = new String[type.parameterCount()];
        int slot = depth;
        for (int i = atoms.length - 1; i >= 0; i--) {
            slot -= TypeKind.from(type.parameterType(i)).slotSize();
            if (slot >= 0 && !type.parameterType(i).isPrimitive()) {
                atoms[i] = stackAtoms[slot];
            }
        }
        return atoms;
    }

    private static String internalName(ClassDesc type) {
        String descriptor = type.descriptorString();
        return descriptor.substring(1, descriptor.length() - 1);
    }

    private void invokedynamic(InvokeDynamicInstruction indy) {
        int inputs = 0;
        for (int argument : popArguments(indy.typeSymbol())) {
            inputs |= argument;
        }
        ClassDesc returns = indy.typeSymbol().returnType();
        push(Origin.computed(inputs), TypeKind.from(returns).slotSize());
        DirectMethodHandleDesc bootstrap = indy.bootstrapMethod();
        if (bootstrap.owner().descriptorString().equals("Ljava/lang/invoke/LambdaMetafactory;")) {
            for (var argument : indy.bootstrapArgs()) {
                if (argument instanceof DirectMethodHandleDesc body) {
                    // the lambda's body runs whenever the lambda does: a call made by its creator
                    String bodyOwner = body.owner().descriptorString();
                    calls.add(new Call(Opcode.INVOKESPECIAL, bodyOwner.substring(1, bodyOwner.length() - 1),
                            body.methodName() + body.lookupDescriptor(), Origin.OTHER, new int[0], null, null, 0,
                            new String[0]));
                }
            }
        }
    }

    private int[] popArguments(MethodTypeDesc type) {
        int[] arguments = new int[type.parameterCount()];
        for (int i = arguments.length - 1; i >= 0; i--) {
            arguments[i] = pop(TypeKind.from(type.parameterType(i)).slotSize());
        }
        return arguments;
    }

    // ---- the operand stack, one entry per slot; an underflow (code after an unseen branch) reads as OTHER

    private void push(int origin, int slots) {
        for (int i = 0; i < slots; i++) {
            if (depth == stack.length) {
                stack = Arrays.copyOf(stack, depth * 2);
                stackField = Arrays.copyOf(stackField, depth * 2);
                stackNew = Arrays.copyOf(stackNew, depth * 2);
                stackAtoms = Arrays.copyOf(stackAtoms, depth * 2);
            }
            stackField[depth] = null;
            stackNew[depth] = 0;
            stackAtoms[depth] = null;
            stack[depth++] = origin;
        }
    }

    private int pop(int slots) {
        int origin = 0;
        for (int i = 0; i < slots; i++) {
            origin |= depth > 0 ? stack[--depth] : Origin.OTHER;
        }
        return origin == 0 ? Origin.OTHER : origin;
    }

    private int peek(int fromTop) {
        return depth > fromTop ? stack[depth - 1 - fromTop] : Origin.OTHER;
    }

    private void jump(Label target) {
        int[] here = Arrays.copyOf(stack, depth);
        branchStacks.merge(target, here, MethodScan::join);
        branchLocals.merge(target, locals.clone(), MethodScan::join);
        branchAtoms.merge(target, localAtoms.clone(), MethodScan::joinAtoms);
    }

    private static String[] joinAtoms(String[] a, String[] b) {
        String[] joined = new String[a.length];
        for (int i = 0; i < a.length; i++) {
            joined[i] = a[i] != null && a[i].equals(b[i]) ? a[i] : null;
        }
        return joined;
    }

    private void arrive(Label label) {
        int[] recorded = branchStacks.get(label);
        if (handlers.contains(label)) {
            depth = 0;
            push(Origin.OTHER, 1);
            locals = localsEver.clone();
            localAtoms = new String[locals.length];
        } else if (recorded != null) {
            int[] merged = alive ? join(Arrays.copyOf(stack, depth), recorded) : recorded;
            depth = 0;
            for (int origin : merged) {
                push(origin, 1);
            }
            int[] jumped = branchLocals.get(label);
            locals = alive ? join(locals, jumped) : jumped.clone();
            String[] atoms = branchAtoms.get(label);
            localAtoms = alive ? joinAtoms(localAtoms, atoms) : atoms.clone();
        } else if (!alive) {
            depth = 0; // reached only by a branch not seen yet: the next pass has its state
            locals = localsEver.clone();
            localAtoms = new String[locals.length];
        }
        alive = true;
    }

    private static Map<Label, int[]> copy(Map<Label, int[]> states) {
        Map<Label, int[]> copy = new HashMap<>();
        states.forEach((label, state) -> copy.put(label, state.clone()));
        return copy;
    }

    private static boolean same(Map<Label, int[]> a, Map<Label, int[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (var entry : a.entrySet()) {
            if (!Arrays.equals(entry.getValue(), b.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    private static int[] join(int[] a, int[] b) {
        if (a.length != b.length) { // cannot happen in verifiable code; be conservative
            int[] unknown = new int[Math.max(a.length, b.length)];
            Arrays.fill(unknown, Origin.OTHER);
            return unknown;
        }
        int[] joined = new int[a.length];
        for (int i = 0; i < a.length; i++) {
            joined[i] = a[i] | b[i];
        }
        return joined;
    }
}
