package singj.installer;

import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.IncrementInstruction;
import java.lang.classfile.instruction.LoadInstruction;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.abi.runtime.SipGlue;
import singj.kernel.SealedProgram;

class SealerTest {
    private static final ClassDesc MAIN = ClassDesc.of("Forged");
    private static final MethodTypeDesc MAIN_TYPE = MethodTypeDesc.of(CD_void, CD_String.arrayType());

    @TempDir
    Path dir;

    /**
     * A handler whose range runs to the end of the code: if the sealer's catch stub landed inside
     * the range, a kill would be caught by the same handler forever.
     */
    @Test
    void catchStubsLieOutsideEveryHandlerRange() {
        byte[] forged = ClassFile.of().build(MAIN, clb -> clb
                .withFlags(AccessFlag.PUBLIC)
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var start = code.newLabel();
                    var handler = code.newLabel();
                    var end = code.newLabel();
                    code.labelBinding(start);
                    code.goto_(start);
                    code.labelBinding(handler);
                    code.pop();
                    code.goto_(start);
                    code.labelBinding(end);
                    code.exceptionCatchAll(start, end, handler);
                }));
        CodeAttribute sealed = sealedMain(forged);
        List<Integer> stubOffsets = offsetsOf(sealed, "onCatch");
        assertFalse(stubOffsets.isEmpty(), "the handler is entered through onCatch");
        for (ExceptionCatch range : sealed.exceptionHandlers()) {
            int from = sealed.labelToBci(range.tryStart());
            int to = sealed.labelToBci(range.tryEnd());
            for (int stub : stubOffsets) {
                assertFalse(stub >= from && stub < to, "onCatch at " + stub + " lies in [" + from + ", " + to + ")");
            }
        }
    }

    /** A handler no range covers is checked where it starts, so that enclosing handlers still run. */
    @Test
    void anUncoveredHandlerIsCheckedInPlace() {
        byte[] plain = ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var start = code.newLabel();
                    var end = code.newLabel();
                    var handler = code.newLabel();
                    var done = code.newLabel();
                    code.labelBinding(start);
                    code.aconst_null().athrow();
                    code.labelBinding(end);
                    code.labelBinding(handler);
                    code.pop();
                    code.labelBinding(done);
                    code.return_();
                    code.exceptionCatch(start, end, handler, ClassDesc.of("java.lang.RuntimeException"));
                }));
        CodeAttribute sealed = sealedMain(plain);
        ExceptionCatch only = sealed.exceptionHandlers().getFirst();
        int handlerAt = sealed.labelToBci(only.handler());
        List<Integer> checks = offsetsOf(sealed, "onCatch");
        assertEquals(1, checks.size());
        assertEquals(handlerAt + 1, checks.getFirst(), "dup, then onCatch, at the handler");
    }

    @Test
    void everyBackwardBranchAndTheEntryAreKillChecked() {
        byte[] loop = ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var top = code.newLabel();
                    code.iconst_0().istore(1);
                    code.labelBinding(top);
                    code.aload(0).invokestatic(MAIN, "main", MAIN_TYPE); // a call: recursion is possible
                    code.iinc(1, 2); // steps by two: not a stepped loop
                    code.iload(1).bipush(100).if_icmplt(top);
                    code.return_();
                }));
        CodeAttribute sealed = sealedMain(loop);
        List<Instruction> instructions = instructions(sealed);
        assertTrue(isGlueCall(instructions.getFirst(), "enter"), "the first instruction is the entry check");
        int branch = indexOf(instructions, Opcode.IF_ICMPLT);
        assertTrue(isGlueCall(instructions.get(branch - 2), "poll"), "the back-edge counts down, then polls");
        assertEquals(Opcode.IINC, instructions.get(branch - 5).opcode(), "the countdown is a local");
        assertEquals(-1, ((IncrementInstruction) instructions.get(branch - 5)).constant(), "one trip counts one");
    }

    /** {@code while (a[i] < 0) i++;} polls when i's low bits are zero: no countdown of its own. */
    @Test
    void aLoopThatStepsAnIndexByOneIsCheckedByTheIndex() {
        byte[] loop = ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var top = code.newLabel();
                    var exit = code.newLabel();
                    code.bipush(10).newarray(TypeKind.INT).astore(1).iconst_0().istore(2);
                    code.labelBinding(top);
                    code.aload(1).iload(2).iaload().ifge(exit);
                    code.iinc(2, 1);
                    code.goto_(top);
                    code.labelBinding(exit);
                    code.return_();
                }));
        List<Instruction> instructions = instructions(sealedMain(loop));
        int back = lastIndexOf(instructions, Opcode.GOTO);
        assertTrue(isGlueCall(instructions.get(back - 2), "poll"), "the back-edge polls");
        assertEquals(Opcode.IFNE, instructions.get(back - 3).opcode());
        assertEquals(Opcode.IAND, instructions.get(back - 4).opcode(), "on the index's low bits");
        assertEquals(2, ((LoadInstruction) instructions.get(back - 6)).slot(), "of the stepped index");
        assertEquals(1, instructions.stream().filter(i -> i.opcode() == Opcode.IINC).count(), "no countdown");
    }

    /**
     * {@code while (true) { if (a[0] < 0) i++; }}: a branch jumps over the step, so i may never
     * change; the back-edge must count down instead.
     */
    @Test
    void aStepThatCanBeJumpedOverDoesNotCheckTheLoop() {
        byte[] loop = ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var top = code.newLabel();
                    var skip = code.newLabel();
                    code.bipush(10).newarray(TypeKind.INT).astore(1).iconst_0().istore(2);
                    code.labelBinding(top);
                    code.aload(1).iconst_0().iaload().ifge(skip);
                    code.iinc(2, 1);
                    code.labelBinding(skip);
                    code.goto_(top);
                }));
        List<Instruction> instructions = instructions(sealedMain(loop));
        assertEquals(-1, indexOf(instructions, Opcode.IAND), "not checked by the index");
        assertTrue(instructions.stream().anyMatch(i -> i instanceof IncrementInstruction step && step.slot() != 2),
                "a countdown");
    }

    /**
     * An outer loop that enters a stepped loop again and again for a few trips (which might never
     * reach a multiple of the interval) asks whether the SIP is alive on every trip.
     */
    @Test
    void aLoopAroundAnotherAsksWhetherTheSipIsAliveOnEveryTrip() {
        byte[] nested = ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var outer = code.newLabel();
                    var inner = code.newLabel();
                    var innerExit = code.newLabel();
                    code.bipush(10).newarray(TypeKind.INT).astore(1);
                    code.labelBinding(outer);
                    code.iconst_1().istore(2);
                    code.labelBinding(inner);
                    code.aload(1).iload(2).iaload().ifne(innerExit);
                    code.iinc(2, 1);
                    code.goto_(inner);
                    code.labelBinding(innerExit);
                    code.goto_(outer);
                }));
        List<Instruction> instructions = instructions(sealedMain(nested));
        int back = lastIndexOf(instructions, Opcode.GOTO);
        assertTrue(isGlueCall(instructions.get(back - 1), "enter"), "the outer back-edge asks the SIP's life call site");
        assertEquals(1, instructions.stream().filter(i -> i.opcode() == Opcode.IAND).count(), "the inner loop checks its index");
    }

    /** A method that calls nothing cannot recurse: its entry needs no check (its loops have theirs). */
    @Test
    void aMethodThatCallsNothingHasNoEntryCheck() {
        byte[] leaf = ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                        .iconst_1().istore(1).return_()));
        assertEquals(0, instructions(sealedMain(leaf)).stream().filter(i -> isGlueCall(i, "enter")).count());
    }

    /** javac's {@code for (int i = 0; i < n; i++) sum += i;}: checked once per strip, not per iteration. */
    @Test
    void aCountedLoopIsStripMined() {
        byte[] counted = ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var test = code.newLabel();
                    var exit = code.newLabel();
                    code.ldc(1_000_000).istore(1).iconst_0().istore(2).iconst_0().istore(3);
                    code.labelBinding(test);
                    code.iload(3).iload(1).if_icmpge(exit);
                    code.iload(2).iload(3).iadd().istore(2);
                    code.iinc(3, 1);
                    code.goto_(test);
                    code.labelBinding(exit);
                    code.return_();
                }));
        List<Instruction> instructions = instructions(sealedMain(counted));
        assertEquals(1, instructions.stream().filter(i -> isGlueCall(i, "enter")).count(), "one kill check per strip");
        assertEquals(1, instructions.stream().filter(i -> isGlueCall(i, "poll")).count(), "a poll every few strips");
        assertTrue(instructions.stream().anyMatch(i -> i instanceof IncrementInstruction strips
                && strips.constant() == -SipGlue.CHECK_INTERVAL / 64), "the strips count down the method's countdown");
        assertTrue(instructions.stream().anyMatch(i -> isGlueCall(i, "stripLimit")));
        int iadd = indexOf(instructions, Opcode.IADD);
        int poll = instructions.indexOf(instructions.stream().filter(i -> isGlueCall(i, "poll")).findFirst().orElseThrow());
        int enter = instructions.indexOf(instructions.stream().filter(i -> isGlueCall(i, "enter")).findFirst().orElseThrow());
        assertTrue(poll < iadd && enter < iadd, "the checks are outside the strip's body");
        assertEquals(1, instructions.subList(iadd, instructions.size()).stream()
                .filter(i -> i.opcode() == Opcode.IINC).count(), "in the body only the loop's step");
    }

    /**
     * {@code while (true) { new Object(); if (...) return; }}: the site takes its size off a local
     * copy of the budget and charges only when that runs out; the method also charges before it
     * returns and, through a handler covering all of its code, before a throw leaves it.
     */
    @Test
    void allocationsInALoopAreChargedInABatch() {
        ClassDesc object = ClassDesc.of("java.lang.Object");
        byte[] allocating = ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var loop = code.newLabel();
                    var exit = code.newLabel();
                    code.labelBinding(loop);
                    code.new_(object).dup().invokespecial(object, "<init>", MethodTypeDesc.of(CD_void)).pop();
                    code.aload(0).arraylength().ifeq(exit);
                    code.goto_(loop);
                    code.labelBinding(exit);
                    code.return_();
                }));
        CodeAttribute sealed = sealedMain(allocating);
        List<Instruction> instructions = instructions(sealed);
        assertFalse(instructions.stream().anyMatch(i -> isGlueCall(i, "allocated")), "no site writes the budget itself");
        int charges = (int) instructions.stream().filter(i -> isGlueCall(i, "charge")).count();
        assertEquals(4, charges, "where room runs out, on the poll's path, before the return, in the handler");
        int ret = lastIndexOf(instructions, Opcode.RETURN);
        assertTrue(isGlueCall(instructions.get(ret - 4), "charge"), "it charges (and keeps the budget it returns) before it returns");
        var handlers = sealed.exceptionHandlers();
        assertEquals(1, handlers.size(), "one handler: the charge on the way out of a throw");
        assertTrue(handlers.getFirst().catchType().isEmpty(), "it catches everything, and throws it again");
        assertEquals(Opcode.ATHROW, instructions.getLast().opcode());
    }

    @Test
    void systemOutIsTheSipsOwn() {
        byte[] hello = ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                        .getstatic(ClassDesc.of("java.lang.System"), "out", ClassDesc.of("java.io.PrintStream"))
                        .ldc("hi")
                        .invokevirtual(ClassDesc.of("java.io.PrintStream"), "println", MethodTypeDesc.of(CD_void, CD_String))
                        .return_()));
        List<Instruction> instructions = instructions(sealedMain(hello));
        assertEquals(-1, indexOf(instructions, Opcode.GETSTATIC), "no JVM-wide System.out is left");
        assertTrue(instructions.stream().anyMatch(i -> isGlueCall(i, "out")));
    }

    private CodeAttribute sealedMain(byte[] classFile) {
        ProgramJar jar = TestJars.jar(dir, "Forged", Map.of("Forged", classFile));
        SealedProgram program = Installer.standard().seal(jar, "forged", 0);
        ClassModel model = ClassFile.of().parse(program.classes().get("Forged"));
        MethodModel main = model.methods().stream().filter(m -> m.methodName().equalsString("main")).findFirst().orElseThrow();
        return (CodeAttribute) main.code().orElseThrow();
    }

    private static List<Instruction> instructions(CodeAttribute code) {
        List<Instruction> result = new ArrayList<>();
        for (CodeElement e : code) {
            if (e instanceof Instruction i) {
                result.add(i);
            }
        }
        return result;
    }

    private static List<Integer> offsetsOf(CodeAttribute code, String glueMethod) {
        List<Integer> offsets = new ArrayList<>();
        int offset = 0;
        for (CodeElement e : code) {
            if (e instanceof Instruction i) {
                if (isGlueCall(i, glueMethod)) {
                    offsets.add(offset);
                }
                offset += i.sizeInBytes();
            }
        }
        return offsets;
    }

    private static int lastIndexOf(List<Instruction> instructions, Opcode opcode) {
        for (int i = instructions.size() - 1; i >= 0; i--) {
            if (instructions.get(i).opcode() == opcode) {
                return i;
            }
        }
        return -1;
    }

    private static int indexOf(List<Instruction> instructions, Opcode opcode) {
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).opcode() == opcode) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isGlueCall(Instruction instruction, String name) {
        return instruction instanceof InvokeInstruction invoke
                && invoke.owner().asInternalName().startsWith("singj/abi/runtime/Sip")
                && invoke.name().equalsString(name);
    }
}
