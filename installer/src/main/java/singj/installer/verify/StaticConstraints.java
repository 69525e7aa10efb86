package singj.installer.verify;

import java.lang.classfile.Opcode;

/**
 * The static constraints on every instruction (JVMS 4.9.1), reachable or not: locals within
 * max_locals, constant pool operands of the kind the opcode needs, switch tables well formed.
 * The abstract interpreter only sees reachable code; these hold for dead code too, as the JVM
 * checks them there.
 */
final class StaticConstraints {
    private StaticConstraints() {}

    /** The constraints on instruction {@code i} of {@code code}, by its opcode's kind (a table switch), as {@link InstructionEffects#apply} does. */
    static void check(CodeIndex code, int i, int majorVersion, int maxLocals) {
        Opcode opcode = code.opcodes[i];
        int offset = code.offsets[i];
        switch (opcode.kind()) {
            case LOAD, STORE -> slot(code.slot(i), CodeIndex.typeKind(opcode).slotSize(), maxLocals);
            case INCREMENT -> slot(code.slot(i), 1, maxLocals);
            case FIELD_ACCESS -> code.field(i); // its name and type: ClassFormat checked every Fieldref
            case INVOKE -> invoke(code, i, majorVersion);
            case INVOKE_DYNAMIC -> {
                code.invokeDynamic(i);
                if (code.u1(offset + 3) != 0 || code.u1(offset + 4) != 0) {
                    throw new Rejection(Rules.CODE_STRUCTURE, "the last two bytes of invokedynamic must be zero");
                }
            }
            case CONSTANT -> {
                if (opcode != Opcode.LDC && opcode != Opcode.LDC_W && opcode != Opcode.LDC2_W) {
                    return;
                }
                int size = slotSize(code.pool, code.loadable(i));
                if ((opcode == Opcode.LDC2_W) != (size == 2)) {
                    throw new Rejection(Rules.CONSTANT_POOL, opcode == Opcode.LDC2_W
                            ? "ldc2_w needs a long or double constant" : "ldc needs a one-word constant, not a long or double");
                }
            }
            case NEW_OBJECT -> {
                if (code.className(i).charAt(0) == '[') {
                    throw Rejection.type("new of an array type (arrays are made by newarray)");
                }
            }
            case NEW_REF_ARRAY -> {
                String component = code.className(i);
                if (component.charAt(0) == '[' && component.lastIndexOf('[') >= 254) {
                    throw Rejection.type("an array type has more than 255 dimensions");
                }
            }
            case NEW_MULTI_ARRAY -> {
                String type = code.className(i);
                int wanted = code.thirdByte(i);
                int dimensions = 0;
                while (dimensions < type.length() && type.charAt(dimensions) == '[') {
                    dimensions++;
                }
                if (wanted < 1 || wanted > dimensions) {
                    throw Rejection.type("multianewarray of " + wanted + " dimensions for type "
                            + Descriptors.javaName(type));
                }
            }
            case TYPE_CHECK -> code.className(i);
            case TABLE_SWITCH -> padding(offset, code); // low above high: the code does not decode (CodeIndex)
            case LOOKUP_SWITCH -> {
                padding(offset, code);
                if (!code.lookupKeysSorted(i)) {
                    throw new Rejection(Rules.CODE_STRUCTURE, "the keys of a lookupswitch must be sorted and distinct");
                }
            }
            default -> { }
        }
    }

    private static void slot(int slot, int size, int maxLocals) {
        if (slot + size > maxLocals) {
            throw Rejection.type("local " + slot + (size == 2 ? " (two slots)" : "") + " is beyond max_locals " + maxLocals);
        }
    }

    private static void invoke(CodeIndex code, int i, int majorVersion) {
        Opcode opcode = code.opcodes[i];
        int tag = code.pool.tag(code.member(i));
        boolean fits = switch (opcode) {
            case INVOKEVIRTUAL -> tag == ClassFormat.METHODREF;
            case INVOKEINTERFACE -> tag == ClassFormat.INTERFACE_METHODREF;
            // interface methods by invokestatic and invokespecial came with Java 8 (class version 52)
            default -> tag == ClassFormat.METHODREF || tag == ClassFormat.INTERFACE_METHODREF && majorVersion >= 52;
        };
        if (!fits) {
            throw new Rejection(Rules.CONSTANT_POOL, opcode.name().toLowerCase(java.util.Locale.ROOT) + " cannot refer to a "
                    + (tag == ClassFormat.METHODREF ? "Methodref" : "InterfaceMethodref")
                    + (majorVersion < 52 ? " in a class file of version " + majorVersion : ""));
        }
        if (opcode == Opcode.INVOKEINTERFACE && (code.thirdByte(i) == 0 || code.u1(code.offsets[i] + 4) != 0)) {
            throw new Rejection(Rules.CODE_STRUCTURE, "invokeinterface needs a non-zero count and a zero fourth byte");
        }
        // names and descriptors: ClassFormat checked every Methodref and InterfaceMethodref
    }

    /** The words a loadable constant takes on the stack: two for a long or double, or a dynamic constant of one of those types. */
    static int slotSize(Pool pool, int constant) {
        return switch (pool.tag(constant)) {
            case ClassFormat.LONG, ClassFormat.DOUBLE -> 2;
            case ClassFormat.DYNAMIC -> {
                char type = pool.utf8(pool.descriptor(constant)).charAt(0);
                yield type == 'J' || type == 'D' ? 2 : 1;
            }
            default -> 1;
        };
    }

    /** The bytes between a switch opcode and its 4-byte aligned table must be zero. */
    private static void padding(int offset, CodeIndex code) {
        for (int i = offset + 1; (i & 3) != 0; i++) {
            if (code.u1(i) != 0) {
                throw new Rejection(Rules.CODE_STRUCTURE, "the padding bytes of a switch must be zero");
            }
        }
    }
}
