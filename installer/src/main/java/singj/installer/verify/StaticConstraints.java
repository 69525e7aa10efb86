package singj.installer.verify;

import java.lang.classfile.Instruction;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.InterfaceMethodRefEntry;
import java.lang.classfile.constantpool.MemberRefEntry;
import java.lang.classfile.constantpool.MethodRefEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.InvokeDynamicInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.LookupSwitchInstruction;
import java.lang.classfile.instruction.NewMultiArrayInstruction;
import java.lang.classfile.instruction.NewObjectInstruction;
import java.lang.classfile.instruction.NewReferenceArrayInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.classfile.instruction.TableSwitchInstruction;
import java.lang.classfile.instruction.TypeCheckInstruction;
import java.lang.classfile.instruction.SwitchCase;
import java.util.List;

/**
 * The static constraints on every instruction (JVMS 4.9.1), reachable or not: locals within
 * max_locals, constant pool operands of the kind the opcode needs, switch tables well formed.
 * The abstract interpreter only sees reachable code; these hold for dead code too, as the JVM
 * checks them there.
 */
final class StaticConstraints {
    private StaticConstraints() {}

    /** Dispatches on the opcode's kind (a table switch), as {@link InstructionEffects#apply} does. */
    static void check(Instruction instruction, int offset, CodeIndex code, int majorVersion, int maxLocals) {
        switch (instruction.opcode().kind()) {
            case LOAD -> {
                var load = (LoadInstruction) instruction;
                slot(load.slot(), load.typeKind().slotSize(), maxLocals);
            }
            case STORE -> {
                var store = (StoreInstruction) instruction;
                slot(store.slot(), store.typeKind().slotSize(), maxLocals);
            }
            case INCREMENT -> slot(((IncrementInstruction) instruction).slot(), 1, maxLocals);
            case FIELD_ACCESS -> ((FieldInstruction) instruction).field(); // its name and type: ClassFormat checked every Fieldref
            case INVOKE -> invoke((InvokeInstruction) instruction, offset, code, majorVersion);
            case INVOKE_DYNAMIC -> {
                ((InvokeDynamicInstruction) instruction).invokedynamic();
                if (code.rawByte(offset + 3) != 0 || code.rawByte(offset + 4) != 0) {
                    throw new Rejection(Rules.CODE_STRUCTURE, "the last two bytes of invokedynamic must be zero");
                }
            }
            case CONSTANT -> {
                if (!(instruction instanceof ConstantInstruction.LoadConstantInstruction ldc)) {
                    return;
                }
                int size = ldc.constantEntry().typeKind().slotSize();
                if ((ldc.opcode() == Opcode.LDC2_W) != (size == 2)) {
                    throw new Rejection(Rules.CONSTANT_POOL, ldc.opcode() == Opcode.LDC2_W
                            ? "ldc2_w needs a long or double constant" : "ldc needs a one-word constant, not a long or double");
                }
            }
            case NEW_OBJECT -> {
                if (((NewObjectInstruction) instruction).className().asInternalName().charAt(0) == '[') {
                    throw Rejection.type("new of an array type (arrays are made by newarray)");
                }
            }
            case NEW_REF_ARRAY -> {
                String component = ((NewReferenceArrayInstruction) instruction).componentType().asInternalName();
                if (component.charAt(0) == '[' && component.lastIndexOf('[') >= 254) {
                    throw Rejection.type("an array type has more than 255 dimensions");
                }
            }
            case NEW_MULTI_ARRAY -> {
                var array = (NewMultiArrayInstruction) instruction;
                String type = array.arrayType().asInternalName();
                int dimensions = 0;
                while (dimensions < type.length() && type.charAt(dimensions) == '[') {
                    dimensions++;
                }
                if (array.dimensions() < 1 || array.dimensions() > dimensions) {
                    throw Rejection.type("multianewarray of " + array.dimensions() + " dimensions for type "
                            + Descriptors.javaName(type));
                }
            }
            case TYPE_CHECK -> ((TypeCheckInstruction) instruction).type().asInternalName();
            case TABLE_SWITCH -> {
                var table = (TableSwitchInstruction) instruction;
                padding(offset, code);
                if (table.lowValue() > table.highValue()) {
                    throw new Rejection(Rules.CODE_STRUCTURE, "tableswitch low " + table.lowValue() + " is above high "
                            + table.highValue());
                }
            }
            case LOOKUP_SWITCH -> {
                padding(offset, code);
                List<SwitchCase> cases = ((LookupSwitchInstruction) instruction).cases();
                for (int i = 1; i < cases.size(); i++) {
                    if (cases.get(i - 1).caseValue() >= cases.get(i).caseValue()) {
                        throw new Rejection(Rules.CODE_STRUCTURE, "the keys of a lookupswitch must be sorted and distinct");
                    }
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

    private static void invoke(InvokeInstruction invoke, int offset, CodeIndex code, int majorVersion) {
        MemberRefEntry method = invoke.method();
        Opcode opcode = invoke.opcode();
        boolean fits = switch (opcode) {
            case INVOKEVIRTUAL -> method instanceof MethodRefEntry;
            case INVOKEINTERFACE -> method instanceof InterfaceMethodRefEntry;
            // interface methods by invokestatic and invokespecial came with Java 8 (class version 52)
            default -> method instanceof MethodRefEntry || method instanceof InterfaceMethodRefEntry && majorVersion >= 52;
        };
        if (!fits) {
            throw new Rejection(Rules.CONSTANT_POOL, opcode.name().toLowerCase(java.util.Locale.ROOT) + " cannot refer to a "
                    + (method instanceof MethodRefEntry ? "Methodref" : "InterfaceMethodref")
                    + (majorVersion < 52 ? " in a class file of version " + majorVersion : ""));
        }
        if (opcode == Opcode.INVOKEINTERFACE && (invoke.count() == 0 || code.rawByte(offset + 4) != 0)) {
            throw new Rejection(Rules.CODE_STRUCTURE, "invokeinterface needs a non-zero count and a zero fourth byte");
        }
        // names and descriptors: ClassFormat checked every Methodref and InterfaceMethodref
    }

    /** The bytes between a switch opcode and its 4-byte aligned table must be zero. */
    private static void padding(int offset, CodeIndex code) {
        for (int i = offset + 1; (i & 3) != 0; i++) {
            if (code.rawByte(i) != 0) {
                throw new Rejection(Rules.CODE_STRUCTURE, "the padding bytes of a switch must be zero");
            }
        }
    }
}
