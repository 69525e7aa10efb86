package singj.installer.verify;

import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;

/**
 * What each instruction does to the types of a frame (JVMS 4.10.1.9, instruction by instruction):
 * the operands it needs, checked, and the results it leaves. Control flow is {@link MethodVerifier}'s.
 * A violation is thrown as a {@link Rejection} that says why; the caller adds where.
 */
final class InstructionEffects {
    private static final VType.Reference STRING = new VType.Reference("java/lang/String");
    private static final VType.Reference CLASS = new VType.Reference("java/lang/Class");
    private static final VType.Reference METHOD_TYPE = new VType.Reference("java/lang/invoke/MethodType");
    private static final VType.Reference METHOD_HANDLE = new VType.Reference("java/lang/invoke/MethodHandle");
    static final VType.Reference THROWABLE = new VType.Reference("java/lang/Throwable");

    private final ClassContext cls;
    private final TypeMerger merger;
    private final CodeIndex code;
    private final String methodName;
    /** The method's return type, or null for void. */
    private final VType returns;
    private final IdentityUses identityUses;

    InstructionEffects(ClassContext cls, CodeIndex code, String methodName, VType returns, IdentityUses identityUses) {
        this.cls = cls;
        this.merger = cls.merger;
        this.code = code;
        this.methodName = methodName;
        this.returns = returns;
        this.identityUses = identityUses;
    }

    /**
     * Dispatches on the opcode's kind, a table switch, rather than on the instruction's interface:
     * a pattern switch over some twenty interfaces tests them one by one, for every instruction walked.
     */
    void apply(int i, Frame frame) {
        Opcode opcode = code.opcodes[i];
        int offset = code.offsets[i];
        switch (opcode.kind()) {
            case LOAD -> load(frame, code.slot(i), CodeIndex.typeKind(opcode));
            case STORE -> store(frame, code.slot(i), CodeIndex.typeKind(opcode));
            case INCREMENT -> {
                int slot = code.slot(i);
                VType local = local(frame, slot, 1);
                if (!(local instanceof VType.IntType)) {
                    throw Rejection.type(slotIs("local " + slot, local) + ", not an int");
                }
            }
            case CONSTANT -> constant(frame, i, opcode);
            case OPERATOR -> operator(frame, opcode, CodeIndex.typeKind(opcode));
            case CONVERT -> {
                popExpecting(frame, kindType(CodeIndex.typeKind(opcode)), "the value to convert");
                frame.push(kindType(CodeIndex.convertedTo(opcode)));
            }
            case STACK -> StackShuffles.apply(frame, opcode);
            case BRANCH -> branch(frame, opcode);
            case TABLE_SWITCH, LOOKUP_SWITCH -> popExpecting(frame, VType.INT, "the switch key");
            case RETURN -> doReturn(frame, CodeIndex.typeKind(opcode));
            case THROW_EXCEPTION -> popExpecting(frame, THROWABLE, "the thrown value");
            case FIELD_ACCESS -> field(frame, opcode, code.field(i));
            case INVOKE -> invoke(frame, i, opcode, offset);
            case INVOKE_DYNAMIC -> {
                if (cls.majorVersion < 51) {
                    throw Rejection.type("invokedynamic needs class file version 51 or later; this class is version "
                            + cls.majorVersion);
                }
                Descriptors.MethodSig sig = cls.signature(code.pool.descriptor(code.invokeDynamic(i)));
                popArguments(frame, sig);
                pushResult(frame, sig);
            }
            case NEW_OBJECT -> {
                String type = code.className(i);
                if (type.charAt(0) == '[') {
                    throw Rejection.type("new of an array type " + Descriptors.javaName(type) + " (arrays are made by newarray)");
                }
                forgetEarlierObjectFromHere(frame, offset);
                frame.push(new VType.Uninitialized(offset));
            }
            case NEW_PRIMITIVE_ARRAY -> {
                popExpecting(frame, VType.INT, "the array length");
                frame.push(new VType.Reference("[" + code.newArrayKind(i).upperBound().descriptorString()));
            }
            case NEW_REF_ARRAY -> {
                popExpecting(frame, VType.INT, "the array length");
                frame.push(arrayOf(code.className(i)));
            }
            case NEW_MULTI_ARRAY -> multiArray(frame, code.className(i), code.thirdByte(i));
            case ARRAY_LOAD -> arrayLoad(frame, CodeIndex.typeKind(opcode));
            case ARRAY_STORE -> arrayStore(frame, CodeIndex.typeKind(opcode));
            case TYPE_CHECK -> {
                String type = code.className(i);
                popInitializedReference(frame, "the value to check");
                frame.push(opcode == Opcode.CHECKCAST ? new VType.Reference(type) : VType.INT);
            }
            case MONITOR -> {
                VType object = popInitializedReference(frame, "the monitor's object");
                if (opcode == Opcode.MONITORENTER) {
                    identityUses.met(offset, IdentitySite.Operation.MONITOR_ENTER, object);
                }
            }
            case NOP -> { }
            case DISCONTINUED_JSR, DISCONTINUED_RET -> throw new Rejection(Rules.SUBROUTINE,
                    "subroutines (jsr/ret) are not supported; recompile with javac 7 or later");
        }
    }

    /**
     * A {@code new} run again (in a loop) makes a second object of the same verification type as
     * one an earlier trip may have left uninitialized. Were both kept, the constructor call on one
     * would mark the other initialized too; so the earlier one becomes unusable (as the JVM's old
     * verifier does), and may not be on the stack at all.
     */
    private static void forgetEarlierObjectFromHere(Frame frame, int offset) {
        VType.Uninitialized earlier = new VType.Uninitialized(offset);
        for (int i = 0; i < frame.depth; i++) {
            if (frame.stack[i].equals(earlier)) {
                throw Rejection.type("an uninitialized object from this same new is still on the stack");
            }
        }
        for (int i = 0; i < frame.locals.length; i++) {
            if (frame.locals[i].equals(earlier)) {
                frame.setLocal(i, VType.TOP);
            }
        }
    }

    // ---- locals

    private VType local(Frame frame, int slot, int size) {
        if (slot < 0 || slot + size > frame.locals.length) {
            throw Rejection.type("local " + slot + (size == 2 ? " (two slots)" : "") + " is beyond max_locals "
                    + frame.locals.length);
        }
        return frame.locals[slot];
    }

    private void load(Frame frame, int slot, TypeKind kind) {
        VType expected = kindType(kind);
        VType value = local(frame, slot, expected.size());
        boolean fits = kind == TypeKind.REFERENCE ? value.isReferenceLike() : value.equals(expected);
        if (!fits) {
            throw Rejection.type(slotIs("local " + slot, value)
                    + (value instanceof VType.Conflict ? "" : ", not " + article(expected, kind)));
        }
        frame.push(value);
    }

    private void store(Frame frame, int slot, TypeKind kind) {
        VType expected = kindType(kind);
        local(frame, slot, expected.size());
        VType value = frame.pop();
        boolean fits = kind == TypeKind.REFERENCE ? value.isReferenceLike() : value.equals(expected);
        if (!fits) {
            throw Rejection.type("the value to store is " + value.describe() + ", not " + article(expected, kind));
        }
        if (slot > 0 && frame.locals[slot - 1].size() == 2) {
            frame.setLocal(slot - 1, VType.TOP); // its second half is overwritten
        }
        frame.setLocal(slot, value);
        if (value.size() == 2) {
            frame.setLocal(slot + 1, VType.TOP);
        }
    }

    private static String article(VType expected, TypeKind kind) {
        return kind == TypeKind.REFERENCE ? "a reference" : "a " + expected.describe();
    }

    static String slotIs(String slot, VType value) {
        if (value instanceof VType.Top) {
            return slot + " holds no value here";
        }
        return slot + " is " + value.describe();
    }

    // ---- constants and arithmetic

    private void constant(Frame frame, int i, Opcode opcode) {
        switch (opcode) {
            case ACONST_NULL -> frame.push(VType.NULL);
            case LDC, LDC_W, LDC2_W -> {
                VType type = loadable(code.loadable(i));
                boolean wide = opcode == Opcode.LDC2_W;
                if (wide != (type.size() == 2)) {
                    throw new Rejection(Rules.CONSTANT_POOL, (wide ? "ldc2_w needs a long or double constant, not "
                            : "ldc needs a one-word constant, not ") + type.describe());
                }
                frame.push(type);
            }
            default -> frame.push(kindType(CodeIndex.typeKind(opcode)));
        }
    }

    /** The type of the loadable constant {@code entry} (checked loadable by {@link CodeIndex#loadable}). */
    private VType loadable(int entry) {
        return switch (code.pool.tag(entry)) {
            case ClassFormat.INTEGER -> VType.INT;
            case ClassFormat.FLOAT -> VType.FLOAT;
            case ClassFormat.LONG -> VType.LONG;
            case ClassFormat.DOUBLE -> VType.DOUBLE;
            case ClassFormat.STRING -> STRING;
            case ClassFormat.CLASS -> needsVersion(49, "a Class constant", CLASS);
            case ClassFormat.METHOD_TYPE -> needsVersion(51, "a MethodType constant", METHOD_TYPE);
            case ClassFormat.METHOD_HANDLE -> needsVersion(51, "a MethodHandle constant", METHOD_HANDLE);
            default -> { // ClassFormat.DYNAMIC
                needsVersion(55, "a dynamic constant", VType.TOP);
                yield Descriptors.fieldType(code.pool.utf8(code.pool.descriptor(entry)), 0);
            }
        };
    }

    private VType needsVersion(int version, String what, VType type) {
        if (cls.majorVersion < version) {
            throw new Rejection(Rules.CONSTANT_POOL, what + " needs class file version " + version
                    + " or later; this class is version " + cls.majorVersion);
        }
        return type;
    }

    private void operator(Frame frame, Opcode opcode, TypeKind kind) {
        switch (opcode) {
            case ARRAYLENGTH -> {
                VType array = frame.pop();
                if (!(array instanceof VType.NullType) && !(array instanceof VType.Reference r && r.isArray())) {
                    throw Rejection.type("arraylength of " + array.describe() + ", not an array");
                }
                frame.push(VType.INT);
            }
            case INEG, LNEG, FNEG, DNEG -> {
                VType type = kindType(kind);
                popExpecting(frame, type, "the operand");
                frame.push(type);
            }
            case ISHL, ISHR, IUSHR, LSHL, LSHR, LUSHR -> {
                VType type = kindType(kind);
                popExpecting(frame, VType.INT, "the shift distance");
                popExpecting(frame, type, "the value to shift");
                frame.push(type);
            }
            case LCMP, FCMPL, FCMPG, DCMPL, DCMPG -> {
                VType type = kindType(kind);
                popExpecting(frame, type, "the second operand");
                popExpecting(frame, type, "the first operand");
                frame.push(VType.INT);
            }
            default -> {
                VType type = kindType(kind);
                popExpecting(frame, type, "the second operand");
                popExpecting(frame, type, "the first operand");
                frame.push(type);
            }
        }
    }

    private void branch(Frame frame, Opcode opcode) {
        switch (opcode) {
            case IFEQ, IFNE, IFLT, IFGE, IFGT, IFLE -> popExpecting(frame, VType.INT, "the value to test");
            case IF_ICMPEQ, IF_ICMPNE, IF_ICMPLT, IF_ICMPGE, IF_ICMPGT, IF_ICMPLE -> {
                popExpecting(frame, VType.INT, "the second operand");
                popExpecting(frame, VType.INT, "the first operand");
            }
            case IF_ACMPEQ, IF_ACMPNE -> {
                popReferenceLike(frame, "the second operand");
                popReferenceLike(frame, "the first operand");
            }
            case IFNULL, IFNONNULL -> popReferenceLike(frame, "the value to test");
            default -> { } // goto, goto_w
        }
    }

    private void doReturn(Frame frame, TypeKind kind) {
        if (kind == TypeKind.VOID) {
            if (returns != null) {
                throw Rejection.type("return without a value from a method that returns " + returns.describe());
            }
            if (frame.thisUninitialized) {
                throw Rejection.type("the constructor returns before calling a super or own constructor on this");
            }
            return;
        }
        VType value = kindType(kind);
        if (returns == null) {
            throw Rejection.type("returns a value from a void method");
        }
        if (kind == TypeKind.REFERENCE ? !(returns instanceof VType.Reference) : !returns.equals(value)) {
            throw Rejection.type("returns " + (kind == TypeKind.REFERENCE ? "a reference" : value.describe())
                    + " from a method that returns " + returns.describe());
        }
        popExpecting(frame, returns, "the returned value");
    }

    // ---- fields and methods

    /** A field instruction on the Fieldref {@code field}. */
    private void field(Frame frame, Opcode opcode, int field) {
        String owner = code.pool.owner(field);
        String name = code.pool.name(field);
        int descriptor = code.pool.descriptor(field);
        VType type = cls.fieldType(descriptor);
        switch (opcode) {
            case GETSTATIC -> frame.push(type);
            case PUTSTATIC -> {
                if (cls.majorVersion >= 53) {
                    // below 53 the JVM lets any method of the class set its static finals, and Clojure's
                    // AOT __init classes (version 52) do so in helpers called from <clinit>; the class
                    // is loaded per SIP, so such a field is one more static of the SIP's own
                    checkFinalWrite(owner, name, descriptor, "<clinit>", "static initialiser");
                }
                popExpecting(frame, type, "the value to store");
            }
            case GETFIELD -> {
                VType receiver = popInitializedReference(frame, "the object");
                checkReceiver(receiver, owner, "the object");
                checkProtected(receiver, owner, name, descriptor, true);
                frame.push(type);
            }
            default -> { // PUTFIELD
                checkFinalWrite(owner, name, descriptor, "<init>", "constructor");
                popExpecting(frame, type, "the value to store");
                VType receiver = frame.pop();
                if (receiver instanceof VType.UninitializedThis) {
                    // a constructor may set fields its own class declares before super() (javac does, for
                    // outer this): looked up in the class's own fields, never resolved through its supers
                    if (owner.equals(cls.name) && cls.declaresField(name, descriptor)) {
                        return;
                    }
                    throw Rejection.type("assigns " + Descriptors.javaName(owner) + "." + name + " on uninitialized this: "
                            + "before super() or this() a constructor may assign only fields declared by "
                            + cls.binaryName + " itself, and it declares no " + type.describe() + " " + name);
                }
                receiver = checkInitialized(receiver, "the object");
                checkReceiver(receiver, owner, "the object");
                checkProtected(receiver, owner, name, descriptor, true);
            }
        }
    }

    /**
     * A final field may be written only by its own class's constructor (instance fields) or static
     * initialiser (static fields). The JVM (class version 53+) refuses the other writes with an
     * IllegalAccessError when the instruction first runs; rejecting them at install is stricter and earlier.
     */
    private void checkFinalWrite(String owner, String name, int descriptor, String allowedIn, String what) {
        if (!methodName.equals(allowedIn) && owner.equals(cls.name)
                && cls.finalFields.contains(name + ":" + code.pool.utf8(descriptor))) {
            throw new Rejection(Rules.FINAL_FIELD, "writes final field " + cls.binaryName + "." + name
                    + " outside the " + what + " of " + cls.binaryName);
        }
    }

    private void invoke(Frame frame, int i, Opcode opcode, int offset) {
        int method = code.member(i);
        String name = code.pool.name(method);
        int descriptor = code.pool.descriptor(method);
        Descriptors.MethodSig sig = cls.signature(descriptor);
        boolean constructor = name.equals("<init>");
        if (constructor ? opcode != Opcode.INVOKESPECIAL : name.equals("<clinit>")) {
            throw Rejection.type(name + " can only be called " + (constructor ? "by invokespecial" : "by the JVM"));
        }
        if (constructor && sig.returns() != null) {
            throw new Rejection(Rules.CONSTANT_POOL, "a constructor's descriptor must return void: " + code.pool.utf8(descriptor));
        }
        if (opcode == Opcode.INVOKEINTERFACE && code.thirdByte(i) != sig.parameterSlots() + 1) {
            throw Rejection.type("invokeinterface says " + code.thirdByte(i) + " argument words, the descriptor needs "
                    + (sig.parameterSlots() + 1));
        }
        VType hashed = opcode == Opcode.INVOKESTATIC && frame.depth > 0 && isIdentityHashCode(method) ? frame.peek(0) : null;
        popArguments(frame, sig);
        switch (opcode) {
            case INVOKESTATIC -> {
                if (hashed != null) {
                    identityUses.met(offset, IdentitySite.Operation.IDENTITY_HASH_CODE, hashed);
                }
            }
            case INVOKESPECIAL -> {
                String owner = code.pool.owner(method);
                if (constructor) {
                    construct(frame, owner, descriptor);
                } else {
                    if (!owner.equals(cls.name) && !cls.isSuperclass(owner) && !cls.interfaces.contains(owner)) {
                        throw Rejection.type("invokespecial of a method of " + Descriptors.javaName(owner)
                                + ", which is neither " + cls.binaryName + " nor one of its supertypes");
                    }
                    VType receiver = popInitializedReference(frame, "the receiver");
                    checkReceiver(receiver, cls.name, "the receiver");
                    metMonitorMethod(offset, name, descriptor, receiver);
                }
            }
            case INVOKEINTERFACE -> {
                // any class type passes (the JVM checks the interface when the call runs), but an array,
                // a primitive or an uninitialized object does not
                VType receiver = popInitializedReference(frame, "the receiver");
                checkReceiver(receiver, code.pool.owner(method), "the receiver");
                metMonitorMethod(offset, name, descriptor, receiver);
            }
            default -> { // INVOKEVIRTUAL
                String owner = code.pool.owner(method);
                VType receiver = popInitializedReference(frame, "the receiver");
                checkReceiver(receiver, owner, "the receiver");
                if (!(name.equals("clone") && receiver instanceof VType.Reference r && r.isArray())) {
                    checkProtected(receiver, owner, name, descriptor, false); // arrays' clone is public
                }
                metMonitorMethod(offset, name, descriptor, receiver);
            }
        }
        pushResult(frame, sig);
    }

    private boolean isIdentityHashCode(int method) {
        return code.pool.name(method).equals("identityHashCode") && code.pool.owner(method).equals("java/lang/System")
                && code.pool.utf8(code.pool.descriptor(method)).equals("(Ljava/lang/Object;)I");
    }

    /** {@code Object}'s wait, notify and notifyAll are final: any call of one with their descriptor is one of them. */
    private void metMonitorMethod(int offset, String name, int descriptor, VType receiver) {
        IdentitySite.Operation operation = IdentityUses.monitorMethod(name, code.pool.utf8(descriptor));
        if (operation != null) {
            identityUses.met(offset, operation, receiver);
        }
    }

    /** invokespecial of a constructor: the object it runs on becomes initialized everywhere in the frame. */
    private void construct(Frame frame, String owner, int descriptor) {
        VType receiver = frame.pop();
        switch (receiver) {
            case VType.UninitializedThis _ -> {
                if (!owner.equals(cls.name) && !owner.equals(cls.superName)) {
                    throw Rejection.type("this constructor calls a constructor of " + Descriptors.javaName(owner)
                            + ", which is neither " + cls.binaryName + " nor its superclass");
                }
                frame.replace(receiver, cls.thisType());
                frame.thisUninitialized = false;
                frame.localsChanged = true;
            }
            case VType.Uninitialized(int newOffset) -> {
                int index = code.indexAt(newOffset);
                if (!(index >= 0 && code.opcodes[index] == Opcode.NEW)) {
                    throw Rejection.type("the object was not made by a new instruction");
                }
                String madeType = code.className(index);
                if (!madeType.equals(owner)) {
                    throw Rejection.type("calls a constructor of " + Descriptors.javaName(owner) + " on a new "
                            + Descriptors.javaName(madeType));
                }
                checkProtectedConstructor(owner, descriptor);
                frame.replace(receiver, new VType.Reference(owner));
            }
            default -> throw Rejection.type("calls a constructor on " + receiver.describe()
                    + ", which is not an uninitialized object");
        }
    }

    /**
     * A protected constructor of a superclass in another package runs only through super() of a
     * subclass (JVMS 4.10.1.8 with 5.4.4): on a {@code new} object it is called on an object of that
     * superclass, which is never one of the current class.
     */
    private void checkProtectedConstructor(String owner, int descriptorIndex) {
        if (!cls.isSuperclass(owner)) {
            return;
        }
        String descriptor = code.pool.utf8(descriptorIndex);
        cls.hierarchy.protectedDeclarer(owner, "<init>", descriptor, false).ifPresent(declarer -> {
            if (!cls.inOwnPackage(declarer)) {
                throw Rejection.type("protected constructor " + Descriptors.javaName(declarer) + ".<init>"
                        + descriptor + " of another package called on a new " + Descriptors.javaName(owner)
                        + ", which is not a " + cls.binaryName + " (only a subclass's own constructor may call it, by super())");
            }
        });
    }

    private void popArguments(Frame frame, Descriptors.MethodSig sig) {
        VType[] parameters = sig.parameters();
        for (int i = parameters.length - 1; i >= 0; i--) {
            VType value = frame.pop();
            if (!merger.isAssignable(value, parameters[i])) { // the message is built only when it is needed
                throw Rejection.type("argument " + (i + 1) + " is " + value.describe() + ", not " + expectedName(parameters[i])
                        + arrayNote(value, parameters[i]));
            }
        }
    }

    private static void pushResult(Frame frame, Descriptors.MethodSig sig) {
        if (sig.returns() != null) {
            frame.push(sig.returns());
        }
    }

    private void checkReceiver(VType receiver, String owner, String role) {
        boolean fits = receiver instanceof VType.NullType
                || receiver instanceof VType.Reference r && merger.isSubclass(r.name(), owner);
        if (!fits) {
            throw Rejection.type(role + " is " + receiver.describe() + ", not a " + Descriptors.javaName(owner)
                    + arrayNote(receiver, new VType.Reference(owner)));
        }
    }

    /**
     * Protected access (JVMS 4.10.1.8): a protected member reached through a superclass of the
     * current class, and declared in another package, may be used only on objects of the current
     * class (or its subclasses). The referenced class may be in the current package: what counts is
     * the package of the class that declares the member. The package test compares package names;
     * the JVM also compares class loaders, which the installer gives one per program, so the two
     * agree for a program's own classes.
     */
    private void checkProtected(VType receiver, String owner, String name, int descriptor, boolean field) {
        if (!(receiver instanceof VType.Reference reference)
                || !cls.isSuperclass(owner)
                || onCurrentClass(reference)) {
            return;
        }
        cls.hierarchy.protectedDeclarer(owner, name, code.pool.utf8(descriptor), field).ifPresent(declarer -> {
            if (!cls.inOwnPackage(declarer)) {
                throw Rejection.type("protected member " + Descriptors.javaName(declarer) + "." + name
                        + " used on " + receiver.describe() + ", which is not a " + cls.binaryName);
            }
        });
    }

    /**
     * Whether {@code receiver} is an object of the current class for protected access. In an
     * interface (whose superclass is Object, so Object's protected clone and finalize are checked)
     * the JVM treats the interface as Object for class types, except for Object itself and arrays.
     */
    private boolean onCurrentClass(VType.Reference receiver) {
        if (!merger.isAssignable(receiver, cls.thisType())) {
            return false;
        }
        return !receiver.name().equals(TypeMerger.OBJECT) || !merger.isInterface(cls.name);
    }

    // ---- arrays

    private static VType.Reference arrayOf(String component) {
        String descriptor = "[" + Descriptors.asDescriptor(component);
        if (descriptor.lastIndexOf('[') >= 255) {
            throw Rejection.type("an array type has more than 255 dimensions");
        }
        return new VType.Reference(descriptor);
    }

    private void multiArray(Frame frame, String type, int dimensions) {
        int arrayDimensions = 0;
        while (arrayDimensions < type.length() && type.charAt(arrayDimensions) == '[') {
            arrayDimensions++;
        }
        if (dimensions < 1 || dimensions > arrayDimensions) {
            throw Rejection.type("multianewarray of " + dimensions + " dimensions for type "
                    + Descriptors.javaName(type));
        }
        for (int i = 0; i < dimensions; i++) {
            popExpecting(frame, VType.INT, "dimension " + (dimensions - i));
        }
        frame.push(new VType.Reference(type));
    }

    private void arrayLoad(Frame frame, TypeKind kind) {
        popExpecting(frame, VType.INT, "the index");
        VType array = frame.pop();
        if (array instanceof VType.NullType) {
            frame.push(kind == TypeKind.REFERENCE ? VType.NULL : kindType(kind)); // throws at run time
            return;
        }
        frame.push(arrayComponent(array, kind));
    }

    private void arrayStore(Frame frame, TypeKind kind) {
        VType value = frame.pop();
        popExpecting(frame, VType.INT, "the index");
        VType array = frame.pop();
        if (kind == TypeKind.REFERENCE) {
            // the element type itself is checked at run time (ArrayStoreException), as the JVM does
            if (!(value instanceof VType.Reference || value instanceof VType.NullType)) {
                throw Rejection.type("the value to store is " + value.describe() + ", not an initialized reference");
            }
        } else if (!value.equals(kindType(kind))) {
            throw Rejection.type("the value to store is " + value.describe() + ", not " + kindType(kind).describe());
        }
        if (!(array instanceof VType.NullType)) {
            arrayComponent(array, kind);
        }
    }

    /** The element type of {@code array}, which must be an array the instruction of {@code kind} works on. */
    private static VType arrayComponent(VType array, TypeKind kind) {
        if (array instanceof VType.Reference r && r.isArray()) {
            char element = r.name().charAt(1);
            boolean fits = switch (kind) {
                case REFERENCE -> element == 'L' || element == '[';
                case BYTE -> element == 'B' || element == 'Z'; // baload/bastore serve both byte[] and boolean[]
                case CHAR -> element == 'C';
                case SHORT -> element == 'S';
                case INT -> element == 'I';
                case LONG -> element == 'J';
                case FLOAT -> element == 'F';
                case DOUBLE -> element == 'D';
                default -> false;
            };
            if (fits) {
                return r.component();
            }
        }
        throw Rejection.type("the array is " + array.describe() + ", not " + switch (kind) {
            case REFERENCE -> "an array of references";
            case BYTE -> "a byte[] or boolean[]";
            default -> "a " + kind.upperBound().displayName() + "[]";
        });
    }

    // ---- popping with checks

    private VType popExpecting(Frame frame, VType expected, String role) {
        VType value = frame.pop();
        if (!merger.isAssignable(value, expected)) {
            throw Rejection.type(role + " is " + value.describe() + ", not " + expectedName(expected) + arrayNote(value, expected));
        }
        return value;
    }

    /** Why an array fails where a class or interface is expected (an interface would let any class pass). */
    private static String arrayNote(VType value, VType expected) {
        return value instanceof VType.Reference r && r.isArray() && expected instanceof VType.Reference e && !e.isArray()
                ? " (an array is only an Object, a Cloneable and a java.io.Serializable)" : "";
    }

    private static String expectedName(VType expected) {
        return expected instanceof VType.Reference r ? "a " + r.describe() : "a " + expected.describe();
    }

    private static VType popReferenceLike(Frame frame, String role) {
        VType value = frame.pop();
        if (!value.isReferenceLike()) {
            throw Rejection.type(role + " is " + value.describe() + ", not a reference");
        }
        return value;
    }

    private static VType popInitializedReference(Frame frame, String role) {
        return checkInitialized(frame.pop(), role);
    }

    private static VType checkInitialized(VType value, String role) {
        if (!(value instanceof VType.Reference || value instanceof VType.NullType)) {
            throw Rejection.type(role + " is " + value.describe() + ", not an initialized reference");
        }
        return value;
    }

    /** The verification type of values of {@code kind}: byte, char, short and boolean are int. */
    static VType kindType(TypeKind kind) {
        return switch (kind) {
            case BOOLEAN, BYTE, CHAR, SHORT, INT -> VType.INT;
            case LONG -> VType.LONG;
            case FLOAT -> VType.FLOAT;
            case DOUBLE -> VType.DOUBLE;
            case REFERENCE -> TypeMerger.OBJECT_TYPE;
            case VOID -> VType.TOP;
        };
    }
}
