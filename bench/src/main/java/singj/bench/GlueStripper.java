package singj.bench;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.lang.classfile.Opcode;
import java.lang.classfile.instruction.InvokeInstruction;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import singj.kernel.SealedProgram;

/**
 * Removes one kind of the sealer's inserted calls from a sealed program, so that a benchmark can
 * tell what each kind costs. Each call is replaced by the stack effect it had (the JIT folds the
 * leftover {@code dup}/{@code pop} pairs), so the rest of the sealed code is unchanged.
 * For measurement only: a program stripped like this must never be run for real.
 */
enum GlueStripper {
    /** Keeps the memory accounting; drops the kill checks. */
    KILL_CHECKS(Set.of("enter")),
    /**
     * Keeps the kill checks; drops what is left of the memory accounting in sealed code: the
     * announcements of large arrays (the JVM's heap sampler charges the rest, in the kernel).
     */
    MEMORY_ACCOUNTING(Set.of("arrayRequest", "multiArrayRequest"));

    private static final String GLUE = "singj/abi/runtime/SipGlue";

    private final Set<String> methods;

    GlueStripper(Set<String> methods) {
        this.methods = methods;
    }

    SealedProgram strip(SealedProgram program) {
        Map<String, byte[]> classes = new LinkedHashMap<>();
        program.classes().forEach((name, bytes) -> classes.put(name, strip(bytes)));
        return new SealedProgram(program.name(), program.mainClass(), classes, program.memoryQuota(), program.manifest());
    }

    private byte[] strip(byte[] classBytes) {
        ClassFile classFile = ClassFile.of();
        CodeTransform code = (b, element) -> {
            if (element instanceof InvokeInstruction call && call.opcode() == Opcode.INVOKESTATIC
                    && call.owner().asInternalName().equals(GLUE) && methods.contains(call.name().stringValue())) {
                switch (call.name().stringValue()) {
                    case "enter" -> { } // ()V: no stack effect
                    case "arrayRequest" -> b.pop(); // (count, shift)count: drop the shift
                    case "multiArrayRequest" -> b.pop2(); // (int[], shift)V
                    default -> throw new IllegalStateException("no stack effect known for SipGlue." + call.name());
                }
            } else {
                b.with(element);
            }
        };
        return classFile.transformClass(classFile.parse(classBytes), ClassTransform.transformingMethodBodies(code));
    }
}
