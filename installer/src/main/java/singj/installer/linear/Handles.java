package singj.installer.linear;

import java.lang.classfile.Instruction;
import java.lang.classfile.instruction.FieldInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.StoreInstruction;
import java.lang.constant.ClassDesc;
import java.util.Locale;
import java.util.Set;

/** The ABI types linearity is about, the rule names, and the JDK methods known only to borrow a handle. */
final class Handles {
    static final String BLOCK = "singj/abi/Block";
    static final String ENDPOINT = "singj/abi/Endpoint";
    static final String OWNED = "singj/abi/Owned";
    static final String CHANNEL = "singj/abi/Channel";
    static final String MESSAGE = "singj/abi/Message";

    /** A handle stored where the verifier cannot follow it: a field, an array, a lambda, the JDK. */
    static final String ESCAPE = "handle-escape";
    /** A handle (or a message) used after it was sent, freed, closed or moved, on some path. */
    static final String USE_AFTER_MOVE = "handle-use-after-move";
    /** A second live copy of a handle used: one local moved to another, then the first used. */
    static final String COPY = "handle-copy";

    private static final String BLOCK_DESCRIPTOR = "L" + BLOCK + ";";
    private static final String ENDPOINT_DESCRIPTOR = "L" + ENDPOINT + ";";

    /** JDK methods that read a handle (its toString) while they run and keep nothing (owner.name). */
    private static final Set<String> BORROWING_JDK_METHODS = Set.of(
            "java/lang/String.valueOf",
            "java/lang/StringBuilder.append",
            "java/io/PrintStream.print",
            "java/io/PrintStream.println",
            "java/util/Objects.toString",
            "java/util/Objects.equals",
            "java/util/Objects.hashCode",
            "java/util/Objects.isNull",
            "java/util/Objects.nonNull",
            "java/lang/Object.equals");

    private Handles() {}

    static boolean isHandle(ClassDesc type) {
        String descriptor = type.descriptorString();
        return descriptor.equals(BLOCK_DESCRIPTOR) || descriptor.equals(ENDPOINT_DESCRIPTOR);
    }

    /** Whether the class file text names a handle type at all: the cheap test before walking any code. */
    static boolean mentioned(String utf8) {
        return utf8.contains(BLOCK) || utf8.contains(ENDPOINT);
    }

    static boolean borrows(String owner, String name) {
        return BORROWING_JDK_METHODS.contains(owner + "." + name);
    }

    /** A JDK method that returns its argument itself. */
    static boolean isIdentity(String owner, String name) {
        return owner.equals("java/util/Objects") && name.equals("requireNonNull");
    }

    static String binary(String internal) {
        return internal.replace('/', '.');
    }

    /** The instruction, for a person: {@code invokevirtual singj.abi.Block.free}, {@code astore_2}. */
    static String describe(Instruction instruction) {
        String opcode = instruction.opcode().name().toLowerCase(Locale.ROOT);
        return switch (instruction) {
            case InvokeInstruction invoke -> opcode + " " + binary(invoke.owner().asInternalName()) + "."
                    + invoke.name().stringValue();
            case FieldInstruction field -> opcode + " " + binary(field.owner().asInternalName()) + "."
                    + field.name().stringValue();
            case LoadInstruction load when !opcode.contains("_") -> opcode + " " + load.slot();
            case StoreInstruction store when !opcode.contains("_") -> opcode + " " + store.slot();
            default -> opcode;
        };
    }
}
