package singj.installer.linear;

import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.DiscontinuedInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LineNumber;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.MonitorInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewPrimitiveArrayInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.NopInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StackInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.ThrowInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import singj.installer.Violation;
import singj.installer.linear.ValueIds.Kind;

/**
 * The linearity of one method, by abstract interpretation over every path (like the type
 * verifier, and after it: the code is known to be type-safe). Each value that may be a handle
 * (a {@code Block} or an {@code Endpoint}) or a message carrying handles gets an id where it is
 * produced; the walk follows the ids through locals and the stack, records each value's
 * {@link Fate}, and reports a handle stored where the verifier cannot follow it, used after it was
 * given away, or used through a second copy. It also yields the method's {@link Summary}.
 */
final class MethodLinearity {
    private static final int MAX_VIOLATIONS_PER_METHOD = 20;
    private static final int[] NO_TARGETS = new int[0];

    private record Handler(int start, int end, int handler) {}

    private final String className;
    private final MethodModel method;
    private final String where;
    private final LinearityContext context;
    private final List<Violation> violations; // null: only the summary is wanted

    private Instruction[] instructions;
    private int[] offsets;
    private int[] lines;
    private final ValueIds ids = new ValueIds();
    private final Map<Integer, String> consumes = new LinkedHashMap<>();
    private final Map<Integer, String> escapes = new LinkedHashMap<>();
    private final Set<Integer> reportedOffsets = new HashSet<>();

    private LinearFrame frame;
    private int index;

    private MethodLinearity(String className, MethodModel method, LinearityContext context, List<Violation> violations) {
        this.className = className;
        this.method = method;
        this.where = method.methodName().stringValue() + method.methodType().stringValue();
        this.context = context;
        this.violations = violations;
    }

    /** Walks {@code method}; adds its violations to {@code violations} unless that is null; returns its summary. */
    static Summary analyse(String className, MethodModel method, LinearityContext context, List<Violation> violations) {
        List<Violation> found = violations == null ? null : new ArrayList<>();
        var analysis = new MethodLinearity(className, method, context, found);
        if (method.code().orElse(null) instanceof CodeAttribute code) {
            analysis.run(code);
        }
        if (found != null) {
            found.sort(java.util.Comparator.comparingInt(Violation::offset)); // the walk's order is the work list's
            violations.addAll(found);
        }
        return new Summary(analysis.consumes, analysis.escapes);
    }

    private void run(CodeAttribute code) {
        List<Instruction> list = new ArrayList<>();
        List<Integer> offsetList = new ArrayList<>();
        List<Integer> lineList = new ArrayList<>();
        int offset = 0;
        int line = -1;
        for (CodeElement element : code) {
            if (element instanceof LineNumber number) {
                line = number.line();
            } else if (element instanceof Instruction instruction) {
                if (instruction instanceof DiscontinuedInstruction) {
                    return; // jsr/ret: the type verifier has refused the method already
                }
                list.add(instruction);
                offsetList.add(offset);
                lineList.add(line);
                offset += instruction.sizeInBytes();
            }
        }
        instructions = list.toArray(Instruction[]::new);
        offsets = offsetList.stream().mapToInt(Integer::intValue).toArray();
        lines = lineList.stream().mapToInt(Integer::intValue).toArray();
        Map<Integer, Integer> indexAt = new HashMap<>();
        for (int i = 0; i < offsets.length; i++) {
            indexAt.put(offsets[i], i);
        }
        int[][] targets = new int[instructions.length][];
        boolean[] leader = new boolean[instructions.length + 1];
        leader[0] = true;
        for (int i = 0; i < instructions.length; i++) {
            targets[i] = switch (instructions[i]) {
                case BranchInstruction branch -> new int[] {indexAt.get(code.labelToBci(branch.target()))};
                case TableSwitchInstruction table -> switchTargets(code, indexAt, table.defaultTarget(), table.cases());
                case LookupSwitchInstruction lookup -> switchTargets(code, indexAt, lookup.defaultTarget(), lookup.cases());
                default -> NO_TARGETS;
            };
            for (int target : targets[i]) {
                leader[target] = true;
            }
            if (!fallsThrough(instructions[i]) || targets[i].length > 0) {
                leader[i + 1] = true;
            }
        }
        List<Handler> handlers = new ArrayList<>();
        for (ExceptionCatch handler : code.exceptionHandlers()) {
            int end = code.labelToBci(handler.tryEnd());
            int handlerIndex = indexAt.get(code.labelToBci(handler.handler()));
            handlers.add(new Handler(indexAt.get(code.labelToBci(handler.tryStart())),
                    end >= code.codeLength() ? instructions.length : indexAt.get(end), handlerIndex));
            leader[handlerIndex] = true;
        }
        LinearFrame[] entries = new LinearFrame[instructions.length];
        entries[0] = initialFrame(code);
        BitSet work = new BitSet();
        work.set(0);
        for (int start = work.nextSetBit(0); start >= 0; start = work.nextSetBit(0)) {
            work.clear(start);
            frame = entries[start].copy();
            index = start;
            while (true) {
                for (Handler handler : handlers) {
                    if (index >= handler.start() && index < handler.end()) {
                        LinearFrame caught = frame.copy();
                        caught.depth = 0;
                        Arrays.fill(caught.stack, Value.NONE);
                        caught.push(Value.NONE);
                        flowTo(entries, work, handler.handler(), caught, true);
                    }
                }
                Instruction instruction = instructions[index];
                apply(instruction);
                if (targets[index].length > 0 || !fallsThrough(instruction) || leader[index + 1]) {
                    frame.forgetUnreachable(ids.readFrom());
                }
                for (int target : targets[index]) {
                    flowTo(entries, work, target, frame, false);
                }
                if (!fallsThrough(instruction)) {
                    break;
                }
                index++;
                if (leader[index]) {
                    flowTo(entries, work, index, frame, false);
                    break;
                }
            }
            if (reportedOffsets.size() >= MAX_VIOLATIONS_PER_METHOD) {
                return;
            }
        }
    }

    private static int[] switchTargets(CodeAttribute code, Map<Integer, Integer> indexAt,
                                       java.lang.classfile.Label defaultTarget, List<SwitchCase> cases) {
        int[] result = new int[cases.size() + 1];
        result[0] = indexAt.get(code.labelToBci(defaultTarget));
        for (int i = 0; i < cases.size(); i++) {
            result[i + 1] = indexAt.get(code.labelToBci(cases.get(i).target()));
        }
        return result;
    }

    private static boolean fallsThrough(Instruction instruction) {
        return switch (instruction) {
            case BranchInstruction branch -> branch.opcode() != Opcode.GOTO && branch.opcode() != Opcode.GOTO_W;
            case TableSwitchInstruction _, LookupSwitchInstruction _, ReturnInstruction _, ThrowInstruction _ -> false;
            default -> true;
        };
    }

    private static void flowTo(LinearFrame[] entries, BitSet work, int target, LinearFrame from, boolean handler) {
        LinearFrame stored = entries[target];
        if (stored == null) {
            entries[target] = from.copy();
            work.set(target);
        } else if (handler ? stored.mergeLocalsFrom(from) : stored.mergeFrom(from)) {
            work.set(target);
        }
    }

    private LinearFrame initialFrame(CodeAttribute code) {
        LinearFrame initial = new LinearFrame(code.maxLocals(), code.maxStack());
        int slot = method.flags().has(AccessFlag.STATIC) ? 0 : 1; // a receiver is never a handle (Block and Endpoint are final)
        MethodTypeDesc type = method.methodTypeSymbol();
        for (int i = 0; i < type.parameterCount(); i++) {
            ClassDesc parameter = type.parameterType(i);
            if (!parameter.isPrimitive()) {
                int id = ids.parameter(Handles.isHandle(parameter) ? Kind.HANDLE : Kind.OBJECT, i);
                initial.locals[slot] = Value.of(id);
                initial.setFate(id, Fate.HELD);
            }
            slot += TypeKind.from(parameter).slotSize();
        }
        return initial;
    }

    // ---------------------------------------------------------------- the instructions

    private void apply(Instruction instruction) {
        switch (instruction) {
            case LoadInstruction load -> {
                if (load.typeKind() == TypeKind.REFERENCE) {
                    frame.push(frame.locals[load.slot()]);
                } else {
                    frame.pushWords(load.typeKind().slotSize());
                }
            }
            case StoreInstruction store -> {
                if (store.typeKind() == TypeKind.REFERENCE) {
                    storeLocal(store.slot(), frame.pop());
                } else {
                    frame.popWords(store.typeKind().slotSize());
                    frame.locals[store.slot()] = Value.NONE;
                    if (store.typeKind().slotSize() == 2) {
                        frame.locals[store.slot() + 1] = Value.NONE;
                    }
                }
            }
            case IncrementInstruction _, NopInstruction _ -> { }
            case ConstantInstruction constant -> frame.pushWords(constant.typeKind().slotSize());
            case OperatorInstruction operator -> StackWords.operator(frame, operator.opcode());
            case ConvertInstruction convert -> {
                frame.popWords(convert.fromType().slotSize());
                frame.pushWords(convert.toType().slotSize());
            }
            case ArrayLoadInstruction load -> {
                frame.pop();
                Value array = frame.pop();
                if (load.typeKind() == TypeKind.REFERENCE) {
                    frame.push(arrayElement(array));
                } else {
                    frame.pushWords(load.typeKind().slotSize());
                }
            }
            case ArrayStoreInstruction store -> {
                if (store.typeKind() == TypeKind.REFERENCE) {
                    Value value = frame.pop();
                    frame.pop();
                    storeInArray(frame.pop(), value);
                } else {
                    frame.popWords(store.typeKind().slotSize() + 2);
                }
            }
            case FieldInstruction field -> field(field);
            case InvokeInstruction invoke -> invoke(invoke);
            case InvokeDynamicInstruction dynamic -> invokeDynamic(dynamic);
            case NewObjectInstruction _ -> frame.push(Value.of(ids.produce(frame, index, Kind.OBJECT, -1)));
            case NewPrimitiveArrayInstruction _ -> {
                frame.pop();
                frame.push(Value.NONE);
            }
            case NewReferenceArrayInstruction array -> {
                frame.pop();
                // the one array a handle may go into: the endpoints for Endpoint.select, in this method
                boolean ofEndpoints = array.componentType().asInternalName().equals(Handles.ENDPOINT);
                frame.push(ofEndpoints ? Value.of(ids.produce(frame, index, Kind.ENDPOINT_ARRAY, -1)) : Value.NONE);
            }
            case NewMultiArrayInstruction array -> {
                frame.popWords(array.dimensions());
                frame.push(Value.NONE);
            }
            case TypeCheckInstruction check -> typeCheck(check);
            case BranchInstruction branch -> frame.popWords(switch (branch.opcode()) {
                case GOTO, GOTO_W -> 0;
                case IF_ICMPEQ, IF_ICMPNE, IF_ICMPLT, IF_ICMPGE, IF_ICMPGT, IF_ICMPLE, IF_ACMPEQ, IF_ACMPNE -> 2;
                default -> 1;
            });
            case TableSwitchInstruction _, LookupSwitchInstruction _, MonitorInstruction _, ThrowInstruction _ -> frame.pop();
            case ReturnInstruction ret -> {
                if (ret.typeKind() == TypeKind.REFERENCE) {
                    Value value = frame.pop();
                    use(value);
                    giveAway(value, "returned to the caller", true);
                } else {
                    frame.popWords(ret.typeKind().slotSize());
                }
            }
            case StackInstruction shuffle -> StackWords.shuffle(frame, shuffle.opcode());
            default -> throw new IllegalStateException("unexpected instruction " + instruction);
        }
    }

    /** A store moves a handle: any other local that held it holds a dead copy from now on. */
    private void storeLocal(int slot, Value value) {
        if (hasHandle(value)) {
            for (int other = 0; other < frame.locals.length; other++) {
                Value held = frame.locals[other];
                if (other != slot && !held.isMoved() && held.ids().intersects(value.ids())) {
                    frame.locals[other] = held.movedTo(slot, offsets[index]);
                }
            }
        }
        frame.locals[slot] = value;
    }

    private Value arrayElement(Value array) {
        Ids held = Ids.NONE;
        boolean ofHandles = false;
        for (int i = 0; i < array.ids().size(); i++) {
            int id = array.ids().get(i);
            if (ids.kind(id) == Kind.ENDPOINT_ARRAY) {
                ofHandles = true;
                held = held.union(frame.contents(id));
            }
        }
        return ofHandles ? Value.of(held) : Value.of(ids.produce(frame, index, Kind.OBJECT, -1));
    }

    private void storeInArray(Value array, Value value) {
        boolean own = false;
        for (int i = 0; i < array.ids().size(); i++) {
            int id = array.ids().get(i);
            if (ids.kind(id) == Kind.ENDPOINT_ARRAY) {
                own = true;
                frame.setContents(id, frame.contents(id).union(value.ids()));
            }
        }
        if (!own) {
            escape(value, "stored in an array");
        }
    }

    private void field(FieldInstruction field) {
        ClassDesc type = field.typeSymbol();
        String name = Handles.binary(field.owner().asInternalName()) + "." + field.name().stringValue();
        switch (field.opcode()) {
            case GETFIELD, GETSTATIC -> {
                if (field.opcode() == Opcode.GETFIELD) {
                    frame.pop();
                }
                pushResult(type);
            }
            default -> {
                Value value = type.isPrimitive() ? Value.NONE : frame.pop();
                if (type.isPrimitive()) {
                    frame.popWords(TypeKind.from(type).slotSize());
                }
                if (field.opcode() == Opcode.PUTFIELD) {
                    frame.pop();
                }
                escape(value, "stored in the field " + name);
            }
        }
    }

    private void typeCheck(TypeCheckInstruction check) {
        Value value = frame.pop();
        if (check.opcode() == Opcode.INSTANCEOF) {
            frame.pushWords(1);
        } else if (Handles.isHandle(check.type().asSymbol()) && !hasHandle(value)) {
            int param = value.ids().size() == 1 ? ids.param(value.ids().get(0)) : -1;
            frame.push(Value.of(ids.produce(frame, index, Kind.HANDLE, param))); // e.g. the Object that Owned.take returns
        } else {
            frame.push(value);
        }
    }

    private void invokeDynamic(InvokeDynamicInstruction dynamic) {
        MethodTypeDesc type = dynamic.typeSymbol();
        Value[] arguments = popArguments(type);
        String bootstrap = dynamic.bootstrapMethod().owner().descriptorString();
        if (bootstrap.equals("Ljava/lang/invoke/LambdaMetafactory;")) {
            for (Value argument : arguments) {
                escape(argument, "captured by a lambda");
            }
        }
        pushResult(type.returnType());
    }

    private Value[] popArguments(MethodTypeDesc type) {
        Value[] arguments = new Value[type.parameterCount()];
        for (int i = arguments.length - 1; i >= 0; i--) {
            ClassDesc parameter = type.parameterType(i);
            if (parameter.isPrimitive()) {
                frame.popWords(TypeKind.from(parameter).slotSize());
                arguments[i] = Value.NONE;
            } else {
                arguments[i] = frame.pop();
            }
        }
        return arguments;
    }

    private void pushResult(ClassDesc type) {
        if (type.isPrimitive()) {
            frame.pushWords(TypeKind.from(type).slotSize());
        } else {
            frame.push(Value.of(ids.produce(frame, index, Handles.isHandle(type) ? Kind.HANDLE : Kind.OBJECT, -1)));
        }
    }

    private void invoke(InvokeInstruction invoke) {
        MethodTypeDesc type = invoke.typeSymbol();
        Value[] arguments = popArguments(type);
        Value receiver = invoke.opcode() == Opcode.INVOKESTATIC ? Value.NONE : frame.pop();
        String owner = invoke.owner().asInternalName();
        String name = invoke.name().stringValue();
        String callee = Handles.binary(owner) + "." + name;
        ClassDesc result = type.returnType();
        switch (owner) {
            case Handles.BLOCK -> {
                if (!name.equals("isLive") && !name.equals("toString")) {
                    use(receiver);
                }
                if (name.equals("free")) {
                    giveAway(receiver, "freed", false);
                }
            }
            case Handles.ENDPOINT -> {
                if (name.equals("select")) {
                    for (Value argument : arguments) {
                        useArrayContents(argument);
                    }
                } else if (!name.equals("isOpen") && !name.equals("toString")) {
                    use(receiver);
                }
                if (name.equals("send")) {
                    use(arguments[0]);
                    giveAway(arguments[0], "sent", false);
                } else if (name.equals("close")) {
                    giveAway(receiver, "closed", false);
                }
            }
            case Handles.OWNED -> {
                if (name.equals("put") || (name.equals("<init>") && arguments.length == 1)) {
                    use(arguments[0]);
                    giveAway(arguments[0], "moved into a singj.abi.Owned", false);
                } else if (name.equals("take")) {
                    frame.push(Value.of(ids.produce(frame, index, Kind.HANDLE, -1)));
                    return;
                }
            }
            default -> {
                if (name.equals("<init>") && context.isMessage(owner)) {
                    for (Value argument : arguments) {
                        use(argument);
                        giveAway(argument, "moved into a " + Handles.binary(owner), false);
                    }
                } else if (arguments.length == 0 && Handles.isHandle(result) && context.isMessage(owner)) {
                    use(receiver);
                    frame.push(component(receiver, name));
                    return;
                } else if (Arrays.stream(arguments).noneMatch(this::matters)) {
                    // no handle among the arguments: nothing to check, whoever the callee is
                } else if (!callProgram(invoke, arguments, callee)) {
                    if (owner.startsWith("singj/abi/")) {
                        for (Value argument : arguments) {
                            use(argument); // the ABI borrows what it is given
                        }
                    } else if (Handles.isIdentity(owner, name)) {
                        frame.push(arguments[0]); // Objects.requireNonNull: the same value back
                        return;
                    } else if (!Handles.borrows(owner, name)) {
                        for (Value argument : arguments) {
                            escape(argument, "passed to " + callee + ", which may keep it");
                        }
                    }
                }
            }
        }
        pushResult(result);
    }

    /** A call of the program's own code: each argument is borrowed or moved as the callees' summaries say. */
    private boolean callProgram(InvokeInstruction invoke, Value[] arguments, String callee) {
        List<Summary> summaries = context.summaries(invoke);
        if (summaries.isEmpty()) {
            return false;
        }
        for (int i = 0; i < arguments.length; i++) {
            Value argument = arguments[i];
            if (argument.ids().isEmpty()) {
                continue;
            }
            use(argument);
            for (Summary summary : summaries) {
                String kept = summary.escapes().get(i);
                if (kept != null) {
                    escape(argument, "passed to " + callee + ", which " + kept);
                }
            }
            for (Summary summary : summaries) {
                String consumed = summary.consumes().get(i);
                if (consumed != null) {
                    giveAway(argument, "passed to " + callee + ", which " + consumed, true);
                    break; // one override that consumes it is enough
                }
            }
        }
        return true;
    }

    // ---------------------------------------------------------------- uses, moves and escapes

    /** The handle read from component {@code name} of a message: every read of it is the same handle. */
    private Value component(Value carrier, String name) {
        Ids read = Ids.NONE;
        for (int i = 0; i < carrier.ids().size(); i++) {
            int id = ids.component(carrier.ids().get(i), name);
            if (frame.fate(id) == null) {
                frame.setFate(id, Fate.HELD);
            }
            read = read.union(Ids.of(id));
        }
        return read.isEmpty() ? Value.of(ids.produce(frame, index, Kind.HANDLE, -1)) : Value.of(read);
    }

    private boolean hasHandle(Value value) {
        return ids.any(value, Kind.HANDLE);
    }

    /** Whether a callee could do anything with {@code value} that linearity cares about. */
    private boolean matters(Value value) {
        for (int i = 0; i < value.ids().size(); i++) {
            int id = value.ids().get(i);
            if (ids.kind(id) != Kind.OBJECT || ids.param(id) >= 0) {
                return true;
            }
        }
        return false;
    }

    /** A use of {@code value}: each handle (or message) it may be must still be held, through this copy. */
    private void use(Value value) {
        if (value.isMoved() && hasHandle(value)) {
            report(Handles.COPY, "this copy of the handle is dead: it was moved to local " + value.movedTo() + " at "
                    + value.movedAt() + " (a handle lives in one place; use the local it was moved to)");
            return;
        }
        for (int i = 0; i < value.ids().size(); i++) {
            Fate fate = frame.fate(value.ids().get(i));
            if (fate != null && !fate.isHeld()) {
                boolean handle = ids.kind(value.ids().get(i)) == Kind.HANDLE;
                report(Handles.USE_AFTER_MOVE, (handle ? "the handle" : "the message") + " is used after it was "
                        + fate.describe());
                return;
            }
        }
    }

    private void useArrayContents(Value array) {
        for (int i = 0; i < array.ids().size(); i++) {
            use(Value.of(frame.contents(array.ids().get(i))));
        }
        use(array);
    }

    /**
     * The value leaves this method's hands: freed, closed, sent, moved into a container or a
     * callee. {@code handlesOnly}: a plain object handed on (returned, passed) stays usable.
     */
    private void giveAway(Value value, String how, boolean handlesOnly) {
        for (int i = 0; i < value.ids().size(); i++) {
            int id = value.ids().get(i);
            if (ids.param(id) >= 0) {
                consumes.putIfAbsent(ids.param(id), how);
            }
            if (!handlesOnly || ids.kind(id) == Kind.HANDLE) {
                frame.setFate(id, Fate.gone(how, offsets[index]));
            }
        }
    }

    /** The value is kept where the verifier cannot follow it. */
    private void escape(Value value, String how) {
        for (int i = 0; i < value.ids().size(); i++) {
            int id = value.ids().get(i);
            if (ids.kind(id) == Kind.HANDLE) {
                report(Handles.ESCAPE, "a handle is " + how + "; a Block or Endpoint lives only in locals, messages "
                        + "and a singj.abi.Owned (keep it in an Owned)");
                return;
            }
            if (ids.kind(id) == Kind.ENDPOINT_ARRAY && !frame.contents(id).isEmpty()) {
                report(Handles.ESCAPE, "an array holding handles is " + how + "; such an array may only be passed to "
                        + "singj.abi.Endpoint.select (keep the handles in singj.abi.Owned cells)");
                return;
            }
            if (ids.param(id) >= 0) {
                escapes.putIfAbsent(ids.param(id), "keeps it (" + how + " at " + className + "." + where + " @ "
                        + offsets[index] + ")");
            }
        }
    }

    private void report(String rule, String message) {
        if (violations == null || reportedOffsets.size() >= MAX_VIOLATIONS_PER_METHOD
                || !reportedOffsets.add(offsets[index])) {
            return;
        }
        violations.add(new Violation(rule, className, where, offsets[index], lines[index],
                Handles.describe(instructions[index]) + ": " + message));
    }
}
