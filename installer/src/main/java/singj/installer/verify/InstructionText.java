package singj.installer.verify;

import java.lang.classfile.Opcode;

/** An instruction as a violation names it: {@code getfield Forged.secret}, {@code aload_1}, {@code ifeq 12}. */
final class InstructionText {
    private InstructionText() {}

    /** Instruction {@code i} of {@code code}, put into words only when a violation names it. */
    static String describe(CodeIndex code, int i) {
        Opcode op = code.opcodes[i];
        String opcode = op.name().toLowerCase(java.util.Locale.ROOT);
        try {
            return switch (op.kind()) {
                case FIELD_ACCESS -> {
                    int f = code.field(i);
                    yield opcode + " " + Descriptors.javaName(code.pool.owner(f)) + "." + code.pool.name(f);
                }
                case INVOKE -> {
                    int m = code.member(i);
                    yield opcode + " " + Descriptors.javaName(code.pool.owner(m)) + "." + code.pool.name(m)
                            + code.pool.utf8(code.pool.descriptor(m));
                }
                case INVOKE_DYNAMIC -> {
                    int d = code.invokeDynamic(i);
                    yield opcode + " " + code.pool.name(d) + code.pool.utf8(code.pool.descriptor(d));
                }
                case TYPE_CHECK, NEW_OBJECT, NEW_REF_ARRAY, NEW_MULTI_ARRAY ->
                        opcode + " " + Descriptors.javaName(code.className(i));
                // aload_1 names its slot already, and so (as the ClassFile API spells it) does aload_w
                case LOAD, STORE -> opcode.contains("_") ? opcode : opcode + " " + code.slot(i);
                case INCREMENT -> opcode + " " + code.slot(i) + " " + code.increment(i);
                case BRANCH -> {
                    int target = code.branchTarget(i);
                    yield target < 0 || target > code.codeLength() ? opcode : opcode + " " + target; // the ClassFile API's labels end there
                }
                default -> opcode;
            };
        } catch (RuntimeException e) {
            return opcode; // an operand that does not resolve is what the violation is about
        }
    }
}
