package singj.vfuzz;

import static java.lang.classfile.attribute.StackMapFrameInfo.SimpleVerificationTypeInfo.FLOAT;
import static java.lang.classfile.attribute.StackMapFrameInfo.SimpleVerificationTypeInfo.INTEGER;
import static java.lang.classfile.attribute.StackMapFrameInfo.SimpleVerificationTypeInfo.LONG;
import static java.lang.classfile.attribute.StackMapFrameInfo.SimpleVerificationTypeInfo.NULL;
import static java.lang.classfile.attribute.StackMapFrameInfo.SimpleVerificationTypeInfo.TOP;
import static java.lang.classfile.attribute.StackMapFrameInfo.SimpleVerificationTypeInfo.UNINITIALIZED_THIS;

import java.lang.classfile.AccessFlags;
import java.lang.classfile.Attributes;
import java.lang.classfile.ClassElement;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassFileVersion;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CodeElement;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.FieldModel;
import java.lang.classfile.Instruction;
import java.lang.classfile.Interfaces;
import java.lang.classfile.Label;
import java.lang.classfile.MethodModel;
import java.lang.classfile.MethodTransform;
import java.lang.classfile.Opcode;
import java.lang.classfile.Superclass;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.VerificationTypeInfo;
import java.lang.classfile.constantpool.ClassEntry;
import java.lang.classfile.constantpool.ConstantPoolBuilder;
import java.lang.classfile.instruction.ArrayLoadInstruction;
import java.lang.classfile.instruction.ArrayStoreInstruction;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.ConvertInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LabelTarget;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.OperatorInstruction;
import java.lang.classfile.instruction.ReturnInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.constant.ClassDesc;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import singj.vfuzz.CodeEdits.Change;
import singj.vfuzz.CodeEdits.Place;

/**
 * The mutation operators: each makes one small change to a class at the level of instructions,
 * constant pool references, exception handlers, stack map frames or the class's structure, or says
 * it has no place to make it in this class (empty).
 */
public enum Operator {
    LOAD_KIND(t -> code(t, p -> p.element() instanceof LoadInstruction, (p, x) -> {
        var load = (LoadInstruction) p.element();
        TypeKind kind = otherKind(x, load.typeKind());
        return Optional.of(Change.replace(load + " -> " + kind + " load", b -> b.loadLocal(kind, load.slot())));
    })),
    STORE_KIND(t -> code(t, p -> p.element() instanceof StoreInstruction, (p, x) -> {
        var store = (StoreInstruction) p.element();
        TypeKind kind = otherKind(x, store.typeKind());
        return Optional.of(Change.replace(store + " -> " + kind + " store", b -> b.storeLocal(kind, store.slot())));
    })),
    LOCAL_INDEX(t -> code(t, p -> p.element() instanceof LoadInstruction || p.element() instanceof StoreInstruction
            || p.element() instanceof IncrementInstruction, (p, x) -> {
        int slot = x.random().nextInt(p.maxLocals() + 1); // max_locals itself is out of range
        return Optional.of(Change.replace(p.element() + " -> local " + slot, b -> {
            switch (p.element()) {
                case LoadInstruction l -> b.loadLocal(l.typeKind(), slot);
                case StoreInstruction s -> b.storeLocal(s.typeKind(), slot);
                case IncrementInstruction i -> b.iinc(slot, i.constant());
                default -> throw new IllegalStateException();
            }
        }));
    })),
    FIELD_DESCRIPTOR(t -> code(t, p -> p.element() instanceof FieldInstruction, (p, x) -> {
        var field = (FieldInstruction) p.element();
        String type = x.pick(x.typeChoices());
        return Optional.of(Change.replace(field + " -> type " + type, b -> b.with(FieldInstruction.of(field.opcode(),
                field.owner(), field.name(), b.constantPool().utf8Entry(type)))));
    })),
    METHOD_DESCRIPTOR(t -> code(t, p -> isInvoke(p.element()), (p, x) -> {
        var call = (InvokeInstruction) p.element();
        String type = otherMethodType(x, call.typeSymbol().descriptorString());
        return Optional.of(Change.replace(call + " -> descriptor " + type, b -> b.with(InvokeInstruction.of(call.opcode(),
                call.owner(), call.name(), b.constantPool().utf8Entry(type), call.isInterface()))));
    })),
    DROP_INSTRUCTION(t -> code(t, p -> p.element() instanceof Instruction, (p, x) ->
            Optional.of(Change.replace("dropped " + p.element(), b -> {})))),
    DUPLICATE_INSTRUCTION(t -> code(t, p -> p.element() instanceof Instruction, (p, x) ->
            Optional.of(Change.replace("duplicated " + p.element(), b -> b.with(p.element()).with(p.element()))))),
    SWAP_ADJACENT(t -> code(t, p -> p.element() instanceof Instruction && p.next() instanceof Instruction, (p, x) ->
            Optional.of(new Change("swapped " + p.element() + " and " + p.next(),
                    b -> b.with(p.next()).with(p.element()), true, b -> {})))),
    BRANCH_TARGET(t -> code(t, p -> p.element() instanceof BranchInstruction, (p, x) -> {
        var branch = (BranchInstruction) p.element();
        int to = x.random().nextInt(p.labels().size());
        return Optional.of(Change.replace(branch + " -> label #" + to,
                b -> b.branch(branch.opcode(), p.labels().get(to))));
    })),
    SWITCH_TARGET(t -> code(t, p -> p.element() instanceof TableSwitchInstruction
            || p.element() instanceof LookupSwitchInstruction, (p, x) -> {
        int to = x.random().nextInt(p.labels().size());
        Label label = p.labels().get(to);
        boolean ofDefault = x.coin();
        String what = (ofDefault ? "default" : "first case") + " -> label #" + to;
        return Optional.of(Change.replace(p.element() + ": " + what, b -> {
            switch (p.element()) {
                case TableSwitchInstruction s -> b.tableswitch(s.lowValue(), s.highValue(),
                        ofDefault ? label : s.defaultTarget(), ofDefault ? s.cases() : retarget(s.cases(), label));
                case LookupSwitchInstruction s -> b.lookupswitch(ofDefault ? label : s.defaultTarget(),
                        ofDefault ? s.cases() : retarget(s.cases(), label));
                default -> throw new IllegalStateException();
            }
        }));
    })),
    HANDLER_START(t -> handler(t, (p, x, h) -> {
        int to = x.random().nextInt(p.labels().size());
        return Change.replace("handler start -> label #" + to,
                b -> b.with(ExceptionCatch.of(h.handler(), p.labels().get(to), h.tryEnd(), h.catchType())));
    })),
    HANDLER_END(t -> handler(t, (p, x, h) -> {
        int to = x.random().nextInt(p.labels().size());
        return Change.replace("handler end -> label #" + to,
                b -> b.with(ExceptionCatch.of(h.handler(), h.tryStart(), p.labels().get(to), h.catchType())));
    })),
    HANDLER_TARGET(t -> handler(t, (p, x, h) -> {
        int to = x.random().nextInt(p.labels().size());
        return Change.replace("handler code -> label #" + to,
                b -> b.with(ExceptionCatch.of(p.labels().get(to), h.tryStart(), h.tryEnd(), h.catchType())));
    })),
    HANDLER_WIDEN(t -> handler(t, (p, x, h) -> Change.replace("handler range -> the whole code",
            b -> b.with(ExceptionCatch.of(h.handler(), b.startLabel(), b.endLabel(), h.catchType()))))),
    HANDLER_NARROW(t -> handler(t, (p, x, h) -> {
        List<Label> labels = p.labels();
        int start = labels.indexOf(h.tryStart());
        int end = labels.indexOf(h.tryEnd());
        if (start < 0 || end < 0 || end - start < 2) {
            return null;
        }
        int middle = start + 1 + x.random().nextInt(end - start - 1);
        boolean moveStart = x.coin();
        return Change.replace("handler " + (moveStart ? "start" : "end") + " -> label #" + middle + " inside the range",
                b -> b.with(ExceptionCatch.of(h.handler(), moveStart ? labels.get(middle) : h.tryStart(),
                        moveStart ? h.tryEnd() : labels.get(middle), h.catchType())));
    })),
    CATCH_TYPE(t -> handler(t, (p, x, h) -> {
        List<String> types = new ArrayList<>(List.of("java/lang/Throwable", "java/lang/Exception", "java/lang/Error",
                "java/lang/String", "java/lang/Runnable", "java/lang/RuntimeException", "java/io/IOException", "any"));
        types.add(x.someSourceClass());
        String type = x.pick(types);
        return Change.replace("catch " + h.catchType().map(ClassEntry::asInternalName).orElse("any") + " -> " + type,
                b -> b.with(ExceptionCatch.of(h.handler(), h.tryStart(), h.tryEnd(), type.equals("any") ? Optional.empty()
                        : Optional.of(b.constantPool().classEntry(InternalNames.desc(type))))));
    })),
    HANDLER_AROUND_INIT(t -> code(t, p -> p.element() instanceof InvokeInstruction call
            && call.name().equalsString("<init>"), (p, x) -> {
        // a handler over the constructor call alone, whose code rethrows: what may it see of the object?
        Label[] labels = new Label[3];
        String type = x.pick(List.of("java/lang/Throwable", "any"));
        return Optional.of(new Change("a handler (" + type + ", rethrows) around " + p.element(), b -> {
            labels[0] = b.newLabel();
            labels[1] = b.newLabel();
            labels[2] = b.newLabel();
            b.labelBinding(labels[0]).with(p.element()).labelBinding(labels[1]);
            if (type.equals("any")) {
                b.exceptionCatchAll(labels[0], labels[1], labels[2]);
            } else {
                b.exceptionCatch(labels[0], labels[1], labels[2], ClassDesc.ofInternalName(type));
            }
        }, false, b -> b.labelBinding(labels[2]).athrow()));
    })),
    INVOKE_KIND(t -> code(t, p -> isInvoke(p.element()), (p, x) -> {
        var call = (InvokeInstruction) p.element();
        List<Opcode> kinds = new ArrayList<>(List.of(Opcode.INVOKEVIRTUAL, Opcode.INVOKEINTERFACE, Opcode.INVOKESPECIAL,
                Opcode.INVOKESTATIC));
        kinds.remove(call.opcode());
        Opcode kind = x.pick(kinds);
        boolean isInterface = kind == Opcode.INVOKEINTERFACE || (kind != Opcode.INVOKEVIRTUAL && call.isInterface());
        return Optional.of(Change.replace(call + " -> " + kind, b -> b.with(InvokeInstruction.of(kind, call.owner(),
                call.name(), call.type(), isInterface))));
    })),
    INVOKE_OWNER(t -> code(t, p -> isInvoke(p.element()), (p, x) -> {
        var call = (InvokeInstruction) p.element();
        String owner = x.pick(x.classChoices());
        boolean isInterface = call.opcode() == Opcode.INVOKEINTERFACE || call.isInterface();
        return Optional.of(Change.replace(call + " -> owner " + owner, b -> b.with(InvokeInstruction.of(call.opcode(),
                b.constantPool().classEntry(InternalNames.desc(owner)), call.name(), call.type(), isInterface))));
    })),
    FIELD_OWNER(t -> code(t, p -> p.element() instanceof FieldInstruction, (p, x) -> {
        var field = (FieldInstruction) p.element();
        String owner = x.pick(x.classChoices());
        return Optional.of(Change.replace(field + " -> owner " + owner, b -> b.with(FieldInstruction.of(field.opcode(),
                b.constantPool().classEntry(InternalNames.desc(owner)), field.name(), field.type()))));
    })),
    FIELD_STATIC_INSTANCE(t -> code(t, p -> p.element() instanceof FieldInstruction, (p, x) -> {
        var field = (FieldInstruction) p.element();
        Opcode swapped = switch (field.opcode()) {
            case GETFIELD -> Opcode.GETSTATIC;
            case GETSTATIC -> Opcode.GETFIELD;
            case PUTFIELD -> Opcode.PUTSTATIC;
            default -> Opcode.PUTFIELD;
        };
        return Optional.of(Change.replace(field + " -> " + swapped,
                b -> b.with(FieldInstruction.of(swapped, field.field()))));
    })),
    REMOVE_CHECKCAST(t -> code(t, p -> p.element() instanceof TypeCheckInstruction check
            && check.opcode() == Opcode.CHECKCAST, (p, x) -> Optional.of(Change.replace("dropped " + p.element(), b -> {})))),
    CHECKCAST_TYPE(t -> code(t, p -> p.element() instanceof TypeCheckInstruction, (p, x) -> {
        var check = (TypeCheckInstruction) p.element();
        String type = x.coin() ? x.pick(x.classChoices()) : "[" + x.pick(x.typeChoices());
        return Optional.of(Change.replace(check + " -> " + type, b -> b.with(TypeCheckInstruction.of(check.opcode(),
                b.constantPool().classEntry(InternalNames.desc(type))))));
    })),
    INSERT_POP(t -> code(t, p -> p.element() instanceof Instruction, (p, x) -> {
        Opcode pop = x.pick(List.of(Opcode.POP, Opcode.POP2));
        return Optional.of(Change.replace(pop + " after " + p.element(), b -> b.with(p.element()).with(java.lang.classfile.instruction.StackInstruction.of(pop))));
    })),
    INSERT_DUP(t -> code(t, p -> p.element() instanceof Instruction, (p, x) -> {
        Opcode dup = x.pick(List.of(Opcode.DUP, Opcode.DUP_X1, Opcode.DUP2, Opcode.DUP_X2, Opcode.SWAP));
        return Optional.of(Change.replace(dup + " after " + p.element(), b -> b.with(p.element()).with(java.lang.classfile.instruction.StackInstruction.of(dup))));
    })),
    RETURN_KIND(t -> code(t, p -> p.element() instanceof ReturnInstruction, (p, x) -> {
        var ret = (ReturnInstruction) p.element();
        List<TypeKind> kinds = new ArrayList<>(List.of(TypeKind.INT, TypeKind.LONG, TypeKind.FLOAT, TypeKind.DOUBLE,
                TypeKind.REFERENCE, TypeKind.VOID));
        kinds.remove(ret.typeKind());
        TypeKind kind = x.pick(kinds);
        return Optional.of(Change.replace(ret + " -> " + kind + " return", b -> b.return_(kind)));
    })),
    NEW_CLASS(t -> code(t, p -> p.element() instanceof NewObjectInstruction, (p, x) -> {
        String type = x.pick(x.classChoices());
        return Optional.of(Change.replace(p.element() + " -> new " + type, b -> b.new_(ClassDesc.ofInternalName(type))));
    })),
    INIT_OF_OTHER_CLASS(t -> code(t, p -> p.element() instanceof InvokeInstruction call
            && call.name().equalsString("<init>"), (p, x) -> {
        var call = (InvokeInstruction) p.element();
        String owner = x.pick(x.classChoices());
        return Optional.of(Change.replace(call + " -> " + owner + ".<init>", b -> b.with(InvokeInstruction.of(
                Opcode.INVOKESPECIAL, b.constantPool().classEntry(InternalNames.desc(owner)), call.name(), call.type(), false))));
    })),
    PUTFIELD_BEFORE_SUPER(t -> code(t, p -> p.isConstructor() && p.index() == firstInstruction(p), (p, x) -> {
        // a field of the class, of its superclass (inherited or not), or one nobody declares
        List<String[]> fields = new ArrayList<>();
        for (FieldModel f : x.model().fields()) {
            if (!f.flags().has(AccessFlag.STATIC)) {
                fields.add(new String[] {x.name(), f.fieldName().stringValue(), f.fieldType().stringValue()});
            }
        }
        x.source().model(x.superName()).ifPresent(s -> s.fields().stream().filter(f -> !f.flags().has(AccessFlag.STATIC))
                .forEach(f -> fields.add(new String[] {x.name(), f.fieldName().stringValue(), f.fieldType().stringValue()})));
        fields.add(new String[] {x.name(), "undeclared", "I"});
        String[] field = x.pick(fields);
        return Optional.of(Change.replace("before the first instruction: aload_0, a zero, putfield " + String.join(".", field),
                b -> {
                    b.aload(0);
                    pushZero(b, field[2]);
                    b.putfield(ClassDesc.ofInternalName(field[0]), field[1], ClassDesc.ofDescriptor(field[2]));
                    b.with(p.element());
                }));
    })),
    CONSTANT_KIND(t -> code(t, p -> p.element() instanceof ConstantInstruction, (p, x) -> {
        String kind = x.pick(List.of("null", "int", "long", "float", "double", "string", "class"));
        return Optional.of(Change.replace(p.element() + " -> a " + kind + " constant", b -> {
            switch (kind) {
                case "null" -> b.aconst_null();
                case "int" -> b.iconst_1();
                case "long" -> b.lconst_1();
                case "float" -> b.fconst_1();
                case "double" -> b.dconst_1();
                case "string" -> b.ldc("fuzz");
                default -> b.ldc(ClassDesc.of("java.lang.String"));
            }
        }));
    })),
    ARRAY_KIND(t -> code(t, p -> p.element() instanceof ArrayLoadInstruction || p.element() instanceof ArrayStoreInstruction,
            (p, x) -> {
        TypeKind kind = x.pick(List.of(TypeKind.INT, TypeKind.LONG, TypeKind.FLOAT, TypeKind.DOUBLE, TypeKind.REFERENCE,
                TypeKind.BYTE, TypeKind.CHAR, TypeKind.SHORT));
        boolean load = p.element() instanceof ArrayLoadInstruction;
        return Optional.of(Change.replace(p.element() + " -> " + kind + (load ? " array load" : " array store"),
                b -> {
                    if (load) {
                        b.arrayLoad(kind);
                    } else {
                        b.arrayStore(kind);
                    }
                }));
    })),
    OPERATOR_KIND(t -> code(t, p -> p.element() instanceof OperatorInstruction || p.element() instanceof ConvertInstruction,
            (p, x) -> {
        Opcode op = x.pick(List.of(Opcode.IADD, Opcode.LADD, Opcode.FADD, Opcode.DADD, Opcode.INEG, Opcode.LNEG,
                Opcode.LSHL, Opcode.LCMP, Opcode.FCMPL, Opcode.DCMPG, Opcode.ARRAYLENGTH, Opcode.I2L, Opcode.L2I, Opcode.D2F,
                Opcode.I2B));
        return Optional.of(Change.replace(p.element() + " -> " + op, b -> b.with(
                op.kind() == Opcode.Kind.CONVERT ? ConvertInstruction.of(op) : OperatorInstruction.of(op))));
    })),
    FRAME_DROP(t -> frames(t, (frames, x, labels) -> {
        int i = x.random().nextInt(frames.size());
        List<StackMapFrameInfo> out = new ArrayList<>(frames);
        out.remove(i);
        return new Edited(out, "dropped frame #" + i);
    })),
    FRAME_LOCAL(t -> frames(t, (frames, x, labels) -> {
        int i = x.random().nextInt(frames.size());
        StackMapFrameInfo frame = frames.get(i);
        List<VerificationTypeInfo> locals = new ArrayList<>(frame.locals());
        VerificationTypeInfo type = someType(x, labels);
        String what;
        if (locals.isEmpty() || x.random().nextInt(4) == 0) {
            locals.add(type);
            what = "added local " + type;
        } else {
            int at = x.random().nextInt(locals.size());
            what = "local " + at + " " + locals.get(at) + " -> " + type;
            locals.set(at, type);
        }
        return new Edited(replace(frames, i, StackMapFrameInfo.of(frame.target(), locals, frame.stack())),
                "frame #" + i + ": " + what);
    })),
    FRAME_STACK(t -> frames(t, (frames, x, labels) -> {
        int i = x.random().nextInt(frames.size());
        StackMapFrameInfo frame = frames.get(i);
        List<VerificationTypeInfo> stack = new ArrayList<>(frame.stack());
        VerificationTypeInfo type = someType(x, labels);
        String what;
        if (!stack.isEmpty() && x.coin()) {
            int at = x.random().nextInt(stack.size());
            what = x.coin() ? "stack " + at + " " + stack.remove(at) + " removed"
                    : "stack " + at + " " + stack.set(at, type) + " -> " + type;
        } else {
            stack.add(type);
            what = "pushed " + type;
        }
        return new Edited(replace(frames, i, StackMapFrameInfo.of(frame.target(), frame.locals(), stack)),
                "frame #" + i + ": " + what);
    })),
    FRAME_UNINITIALIZED(t -> frames(t, (frames, x, labels) -> {
        // an uninitialized type moved to another label, or put where an initialized one was
        List<int[]> references = new ArrayList<>(); // frame, 0 locals / 1 stack, index
        for (int i = 0; i < frames.size(); i++) {
            for (int side = 0; side < 2; side++) {
                var list = side == 0 ? frames.get(i).locals() : frames.get(i).stack();
                for (int j = 0; j < list.size(); j++) {
                    if (list.get(j) instanceof StackMapFrameInfo.UninitializedVerificationTypeInfo
                            || list.get(j) instanceof StackMapFrameInfo.ObjectVerificationTypeInfo
                            || list.get(j) == UNINITIALIZED_THIS) {
                        references.add(new int[] {i, side, j});
                    }
                }
            }
        }
        if (references.isEmpty()) {
            return null;
        }
        int[] at = x.pick(references);
        VerificationTypeInfo type = x.random().nextInt(3) == 0 ? UNINITIALIZED_THIS
                : StackMapFrameInfo.UninitializedVerificationTypeInfo.of(x.pick(labels));
        StackMapFrameInfo frame = frames.get(at[0]);
        List<VerificationTypeInfo> locals = new ArrayList<>(frame.locals());
        List<VerificationTypeInfo> stack = new ArrayList<>(frame.stack());
        VerificationTypeInfo was = (at[1] == 0 ? locals : stack).set(at[2], type);
        return new Edited(replace(frames, at[0], StackMapFrameInfo.of(frame.target(), locals, stack)),
                "frame #" + at[0] + (at[1] == 0 ? " local " : " stack ") + at[2] + ": " + was + " -> " + describe(type, labels));
    })),
    CLASS_VERSION(Operator::classVersion),
    METHOD_FLAGS(t -> {
        List<MethodModel> methods = t.model().methods();
        if (methods.isEmpty()) {
            return Optional.empty();
        }
        int index = t.random().nextInt(methods.size());
        MethodModel method = methods.get(index);
        AccessFlag flag = t.pick(List.of(AccessFlag.FINAL, AccessFlag.PROTECTED, AccessFlag.PRIVATE, AccessFlag.PUBLIC,
                AccessFlag.STATIC, AccessFlag.ABSTRACT, AccessFlag.SYNCHRONIZED, AccessFlag.NATIVE, AccessFlag.VARARGS));
        int flags = method.flags().flagsMask() ^ flag.mask();
        int[] seen = {0};
        byte[] bytes = ClassFile.of().transformClass(t.model(), (b, e) -> {
            if (e instanceof MethodModel m && seen[0]++ == index) {
                b.transformMethod(m, MethodTransform.dropping(x -> x instanceof AccessFlags)
                        .andThen(MethodTransform.endHandler(mb -> mb.withFlags(flags))));
            } else {
                b.with(e);
            }
        });
        return untouched(bytes, method.methodName().stringValue() + method.methodType().stringValue() + ": flag "
                + flag + (method.flags().has(flag) ? " removed" : " added"));
    }),
    FIELD_FLAGS(t -> {
        List<FieldModel> fields = t.model().fields();
        if (fields.isEmpty()) {
            return Optional.empty();
        }
        int index = t.random().nextInt(fields.size());
        FieldModel field = fields.get(index);
        AccessFlag flag = t.pick(List.of(AccessFlag.FINAL, AccessFlag.PROTECTED, AccessFlag.PRIVATE, AccessFlag.PUBLIC,
                AccessFlag.STATIC, AccessFlag.VOLATILE));
        int flags = field.flags().flagsMask() ^ flag.mask();
        int[] seen = {0};
        byte[] bytes = ClassFile.of().transformClass(t.model(), (b, e) -> {
            if (e instanceof FieldModel f && seen[0]++ == index) {
                b.transformField(f, (fb, fe) -> {
                    if (fe instanceof AccessFlags) {
                        fb.withFlags(flags);
                    } else {
                        fb.with(fe);
                    }
                });
            } else {
                b.with(e);
            }
        });
        return untouched(bytes, "field " + field.fieldName().stringValue() + ": flag " + flag
                + (field.flags().has(flag) ? " removed" : " added"));
    }),
    CLASS_FLAGS(t -> {
        AccessFlag flag = t.pick(List.of(AccessFlag.FINAL, AccessFlag.ABSTRACT, AccessFlag.INTERFACE, AccessFlag.PUBLIC,
                AccessFlag.SUPER, AccessFlag.ENUM));
        int flags = t.model().flags().flagsMask() ^ flag.mask();
        return untouched(transformClass(t, e -> e instanceof AccessFlags, b -> b.withFlags(flags)),
                "class flag " + flag + (t.model().flags().has(flag) ? " removed" : " added"));
    }),
    SUPERCLASS(t -> {
        if (t.model().flags().has(AccessFlag.INTERFACE)) {
            return Optional.empty();
        }
        List<String> choices = new ArrayList<>(List.of("java/lang/Object", "java/lang/Number", "java/lang/String",
                "java/lang/Runnable", "java/lang/Thread", "java/lang/Exception", "java/util/AbstractList"));
        choices.add(t.someSourceClass());
        t.source().model(t.superName()).flatMap(ClassModel::superclass)
                .ifPresent(s -> choices.add(s.asInternalName()));
        choices.remove(t.superName());
        String to = t.pick(choices);
        return untouched(transformClass(t, e -> e instanceof Superclass, b -> b.withSuperclass(ClassDesc.ofInternalName(to))),
                "superclass " + t.superName() + " -> " + to);
    }),
    ADD_INTERFACE(t -> {
        List<String> choices = new ArrayList<>(List.of("java/lang/Runnable", "java/io/Serializable", "java/lang/Object",
                "java/lang/Comparable", "java/util/List", "java/lang/Number"));
        choices.add(t.someSourceClass());
        String added = t.pick(choices);
        List<ClassDesc> interfaces = new ArrayList<>(t.model().interfaces().stream().map(ClassEntry::asSymbol).toList());
        interfaces.add(ClassDesc.ofInternalName(added));
        return untouched(transformClass(t, e -> e instanceof Interfaces, b -> b.withInterfaceSymbols(interfaces)),
                "added interface " + added);
    }),
    REMOVE_INTERFACE(t -> {
        List<ClassEntry> interfaces = new ArrayList<>(t.model().interfaces());
        if (interfaces.isEmpty()) {
            return Optional.empty();
        }
        ClassEntry removed = interfaces.remove(t.random().nextInt(interfaces.size()));
        return untouched(transformClass(t, e -> e instanceof Interfaces,
                        b -> b.withInterfaceSymbols(interfaces.stream().map(ClassEntry::asSymbol).toList())),
                "removed interface " + removed.asInternalName());
    });

    private final Function<Target, Optional<Mutation>> mutate;

    Operator(Function<Target, Optional<Mutation>> mutate) {
        this.mutate = mutate;
    }

    /** The mutant, or empty if this class has no place for this operator. */
    public Optional<Mutation> apply(Target target) {
        return mutate.apply(target);
    }

    // --- the operators' parts

    private static Optional<Mutation> code(Target t, java.util.function.Predicate<Place> eligible, CodeEdits.Chooser chooser) {
        return CodeEdits.at(t, eligible, chooser);
    }

    interface HandlerChange {
        /** null when this handler has no place for the change */
        Change choose(Place place, Target target, ExceptionCatch handler);
    }

    private static Optional<Mutation> handler(Target t, HandlerChange change) {
        return code(t, p -> p.element() instanceof ExceptionCatch,
                (p, x) -> Optional.ofNullable(change.choose(p, x, (ExceptionCatch) p.element())));
    }

    record Edited(List<StackMapFrameInfo> frames, String description) {}

    interface FrameChange {
        /** null when these frames have no place for the change */
        Edited edit(List<StackMapFrameInfo> frames, Target target, List<Label> labels);
    }

    /** An edit of one method's StackMapTable, its code unchanged. */
    private static Optional<Mutation> frames(Target t, FrameChange change) {
        List<Integer> withFrames = new ArrayList<>();
        List<MethodModel> methods = t.model().methods();
        for (int i = 0; i < methods.size(); i++) {
            if (methods.get(i).code().flatMap(c -> c.findAttribute(Attributes.stackMapTable()))
                    .filter(s -> !s.entries().isEmpty()).isPresent()) {
                withFrames.add(i);
            }
        }
        if (withFrames.isEmpty()) {
            return Optional.empty();
        }
        int index = t.pick(withFrames);
        MethodModel method = methods.get(index);
        var code = method.code().orElseThrow();
        List<Label> labels = new ArrayList<>();
        for (CodeElement e : code.elementList()) {
            if (e instanceof LabelTarget target) {
                labels.add(target.label());
            }
        }
        Edited edited = change.edit(code.findAttribute(Attributes.stackMapTable()).orElseThrow().entries(), t, labels);
        if (edited == null) {
            return Optional.empty();
        }
        return Optional.of(CodeEdits.withFrames(t, index, edited.frames(),
                method.methodName().stringValue() + method.methodType().stringValue() + ": " + edited.description()));
    }

    private static Optional<Mutation> classVersion(Target t) {
        List<Integer> versions = new ArrayList<>(List.of(49, 50, 51, 52, 53, 55, 61, 65, 69));
        versions.remove(Integer.valueOf(t.version()));
        int to = t.pick(versions);
        // below 50 no table is allowed to matter; from 50 a class of version 49 gets frames computed, or none
        boolean regenerate = to >= 50 && t.version() < 50 && t.coin();
        // generate, not "when required": the API asks the version the class had before the transform
        ClassFile classFile = regenerate ? ClassFile.of(ClassFile.ClassHierarchyResolverOption.of(t.source().resolver()),
                ClassFile.StackMapsOption.GENERATE_STACK_MAPS)
                : to < 50 ? ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS) : ClassFile.of();
        // the version goes first, in place: the methods are written (and their frames computed or not) for it
        ClassTransform version = (b, e) -> {
            if (e instanceof ClassFileVersion) {
                b.withVersion(to, 0);
            } else {
                b.with(e);
            }
        };
        if (to < 50 || regenerate) {
            version = version.andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL));
        }
        Mutation.Frames frames = regenerate ? Mutation.Frames.REGENERATED : to < 50 ? Mutation.Frames.NONE
                : Mutation.Frames.UNTOUCHED;
        try {
            return Optional.of(new Mutation(classFile.transformClass(t.model(), version),
                    "class version " + t.version() + " -> " + to + (to < 50 ? ", StackMapTable dropped"
                            : regenerate ? ", frames computed" : ""), frames));
        } catch (IllegalArgumentException | IllegalStateException e) {
            return Optional.empty();
        }
    }

    private static byte[] transformClass(Target t, java.util.function.Predicate<ClassElement> replaced,
                                         java.util.function.Consumer<java.lang.classfile.ClassBuilder> replacement) {
        return ClassFile.of().transformClass(t.model(), ClassTransform.dropping(replaced)
                .andThen(ClassTransform.endHandler(replacement)));
    }

    private static Optional<Mutation> untouched(byte[] bytes, String description) {
        return Optional.of(new Mutation(bytes, description, Mutation.Frames.UNTOUCHED));
    }

    private static boolean isInvoke(CodeElement e) {
        return e instanceof InvokeInstruction;
    }

    private static int firstInstruction(Place p) {
        for (int i = 0; i < p.elements().size(); i++) {
            if (p.elements().get(i) instanceof Instruction) {
                return i;
            }
        }
        return -1;
    }

    private static TypeKind otherKind(Target t, TypeKind kind) {
        List<TypeKind> kinds = new ArrayList<>(List.of(TypeKind.INT, TypeKind.LONG, TypeKind.FLOAT, TypeKind.DOUBLE,
                TypeKind.REFERENCE));
        kinds.remove(kind);
        return t.pick(kinds);
    }

    private static String otherMethodType(Target t, String descriptor) {
        var type = java.lang.constant.MethodTypeDesc.ofDescriptor(descriptor);
        ClassDesc value = ClassDesc.ofDescriptor(t.pick(t.typeChoices()));
        return switch (t.random().nextInt(4)) {
            case 0 -> type.parameterCount() > 0 ? type.dropParameterTypes(type.parameterCount() - 1, type.parameterCount())
                    .descriptorString() : type.insertParameterTypes(0, value).descriptorString();
            case 1 -> type.insertParameterTypes(type.parameterCount(), value).descriptorString();
            case 2 -> type.changeReturnType(t.coin() ? value : java.lang.constant.ConstantDescs.CD_void).descriptorString();
            default -> type.parameterCount() > 0
                    ? type.changeParameterType(t.random().nextInt(type.parameterCount()), value).descriptorString()
                    : type.changeReturnType(value).descriptorString();
        };
    }

    private static List<SwitchCase> retarget(List<SwitchCase> cases, Label label) {
        List<SwitchCase> out = new ArrayList<>(cases);
        if (!out.isEmpty()) {
            out.set(0, SwitchCase.of(out.get(0).caseValue(), label));
        }
        return out;
    }

    private static void pushZero(CodeBuilder b, String descriptor) {
        switch (descriptor.charAt(0)) {
            case 'J' -> b.lconst_0();
            case 'F' -> b.fconst_0();
            case 'D' -> b.dconst_0();
            case 'L', '[' -> b.aconst_null();
            default -> b.iconst_0();
        }
    }

    private static VerificationTypeInfo someType(Target t, List<Label> labels) {
        return switch (t.random().nextInt(8)) {
            case 0 -> TOP;
            case 1 -> INTEGER;
            case 2 -> FLOAT;
            case 3 -> LONG;
            case 4 -> NULL;
            case 5 -> labels.isEmpty() ? UNINITIALIZED_THIS : StackMapFrameInfo.UninitializedVerificationTypeInfo.of(t.pick(labels));
            default -> StackMapFrameInfo.ObjectVerificationTypeInfo.of(ClassDesc.ofDescriptor(
                    t.pick(List.of("Ljava/lang/Object;", "Ljava/lang/String;", "[I", "L" + t.name() + ";",
                            "L" + t.someSourceClass() + ";"))));
        };
    }

    private static String describe(VerificationTypeInfo type, List<Label> labels) {
        return type instanceof StackMapFrameInfo.UninitializedVerificationTypeInfo u
                ? "uninitialized(label #" + labels.indexOf(u.newTarget()) + ")" : type.toString();
    }

    private static <T> List<T> replace(List<T> list, int index, T value) {
        List<T> out = new ArrayList<>(list);
        out.set(index, value);
        return out;
    }
}
