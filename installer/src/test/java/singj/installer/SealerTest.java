package singj.installer;

import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeElement;
import java.lang.classfile.Instruction;
import java.lang.classfile.MethodModel;
import java.lang.classfile.Opcode;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.BranchInstruction;
import java.lang.classfile.instruction.ExceptionCatch;
import java.lang.classfile.instruction.SwitchCase;
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

    /**
     * javac's {@code synchronized (lock) { ... }}: the body's range enters the release directly, with
     * no check that could throw while the lock is held (the JIT would then never compile the method);
     * the release's range over itself goes through a stub that checks and runs a copy of it, so that
     * a monitorexit that throws (in forged code) cannot throw into the release for ever. No jump
     * reaches the release (C1 compiles no method whose handler a jump also reaches).
     */
    @Test
    void javacsMonitorReleaseIsEnteredDirectlyAndItsOwnRangeThroughACheck() {
        CodeAttribute sealed = sealedMain(ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var body = code.newLabel();
                    var bodyEnd = code.newLabel();
                    var release = code.newLabel();
                    var released = code.newLabel();
                    var after = code.newLabel();
                    newObject(code).dup().astore(1).monitorenter();
                    code.labelBinding(body).aload(0).arraylength().istore(3);
                    code.aload(1).monitorexit().labelBinding(bodyEnd).goto_(after);
                    code.labelBinding(release).astore(2).aload(1).monitorexit().labelBinding(released).aload(2).athrow();
                    code.labelBinding(after).return_();
                    code.exceptionCatchAll(body, bodyEnd, release);
                    code.exceptionCatchAll(release, released, release);
                })));
        List<ExceptionCatch> ranges = sealed.exceptionHandlers();
        assertEquals(2, ranges.size());
        int releaseAt = sealed.labelToBci(ranges.get(0).handler());
        assertEquals(Opcode.ASTORE_2, instructionAt(sealed, releaseAt).opcode(), "the body enters the release itself, unchecked");
        assertTrue(sealed.labelToBci(ranges.get(1).tryStart()) == releaseAt, "the second range is the release's own");
        int stub = sealed.labelToBci(ranges.get(1).handler());
        assertTrue(stub > releaseAt, "and goes to a stub after the code");
        List<Opcode> stubCode = instructionsFrom(sealed, stub).stream().map(Instruction::opcode).toList();
        assertEquals(List.of(Opcode.DUP, Opcode.INVOKESTATIC, Opcode.ASTORE_2, Opcode.ALOAD_1, Opcode.MONITOREXIT,
                Opcode.ALOAD_2, Opcode.ATHROW), stubCode, "which checks, then releases and throws again");
        assertTrue(isGlueCall(instructionAt(sealed, stub + 1), "onCatch"));
        assertFalse(branchTargets(sealed).contains(releaseAt), "no jump reaches the release");
    }

    /**
     * The same release, but the first range over its monitorexit leads elsewhere: it is not javac's,
     * so it is checked like any handler. Otherwise a monitorexit on a lock never taken throws into
     * the other handler, which throws back, and no check runs on the way.
     */
    @Test
    void aReleaseWhoseMonitorExitThrowsElsewhereIsChecked() {
        CodeAttribute sealed = sealedMain(ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var start = code.newLabel();
                    var end = code.newLabel();
                    var first = code.newLabel();
                    var second = code.newLabel();
                    var last = code.newLabel();
                    newObject(code).astore(1);
                    code.labelBinding(start).aload(1).monitorexit().labelBinding(end).return_();
                    code.labelBinding(first).astore(2).aload(1).monitorexit().aload(2).athrow();
                    code.labelBinding(second).astore(2).aload(1).monitorexit().aload(2).athrow();
                    code.labelBinding(last);
                    code.exceptionCatchAll(start, end, first);
                    code.exceptionCatchAll(first, second, second);
                    code.exceptionCatchAll(second, last, first);
                })));
        List<ExceptionCatch> ranges = sealed.exceptionHandlers();
        int first = sealed.labelToBci(ranges.get(0).handler());
        int second = sealed.labelToBci(ranges.get(1).handler());
        assertTrue(isGlueCall(instructionAt(sealed, first + 1), "onCatch"), "the first release is checked where it starts");
        assertTrue(isGlueCall(instructionAt(sealed, second + 1), "onCatch"), "and so is the second");
        int backToFirst = sealed.labelToBci(ranges.get(2).handler());
        assertTrue(backToFirst > second, "the range after the first handler goes back to it through a stub");
        assertTrue(isGlueCall(instructionAt(sealed, backToFirst + 1), "onCatch"));
        assertEveryStubChecksFirst(sealed);
    }

    /**
     * A handler that a range before it enters is checked where it starts; a range after it, which
     * would throw the kill of that check back into it (through a rethrowing handler in between),
     * enters it through a stub instead, outside every range, which jumps past that check.
     */
    @Test
    void aRangeAfterItsHandlerGoesThroughAStubOutsideEveryRange() {
        CodeAttribute sealed = sealedMain(ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var before = code.newLabel();
                    var loop = code.newLabel();
                    var spin = code.newLabel();
                    var release = code.newLabel();
                    var end = code.newLabel();
                    newObject(code).astore(1);
                    code.labelBinding(before).aconst_null().athrow();
                    code.labelBinding(loop).pop().aload(1).monitorenter();
                    code.labelBinding(spin).goto_(spin);
                    code.labelBinding(release).astore(2).aload(1).monitorexit().aload(2).athrow();
                    code.labelBinding(end);
                    code.exceptionCatchAll(before, loop, loop);
                    code.exceptionCatchAll(loop, release, release);
                    code.exceptionCatchAll(release, end, loop);
                })));
        List<ExceptionCatch> ranges = sealed.exceptionHandlers();
        int loop = sealed.labelToBci(ranges.get(0).handler());
        assertTrue(isGlueCall(instructionAt(sealed, loop + 1), "onCatch"), "the loop's handler is checked where it starts");
        int stub = sealed.labelToBci(ranges.get(2).handler());
        // a range's end is exclusive: a stub right at the end of the method's code is outside it
        assertTrue(stub >= sealed.labelToBci(ranges.get(2).tryEnd()), "the range after it enters through a stub");
        List<Instruction> stubCode = instructionsFrom(sealed, stub);
        assertTrue(isGlueCall(stubCode.get(1), "onCatch"));
        assertTrue(stubCode.get(2) instanceof BranchInstruction jump && sealed.labelToBci(jump.target()) == loop + 4,
                "which jumps past the check at the handler's start");
        assertEveryStubChecksFirst(sealed);
    }

    @Test
    void everyBackwardBranchAndTheEntryAreKillChecked() {
        byte[] loop = ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var top = code.newLabel();
                    code.iconst_0().istore(1);
                    code.labelBinding(top);
                    code.aload(0).invokestatic(MAIN, "main", MAIN_TYPE); // a call: recursion is possible
                    code.iinc(1, 2);
                    code.iload(1).bipush(100).if_icmplt(top);
                    code.return_();
                }));
        List<Instruction> instructions = instructions(sealedMain(loop));
        assertTrue(isGlueCall(instructions.getFirst(), "enter"), "the first instruction is the entry check");
        int branch = indexOf(instructions, Opcode.IF_ICMPLT);
        assertTrue(isGlueCall(instructions.get(branch - 1), "enter"), "the back-edge asks the SIP's life call site");
        assertEquals(2, instructions.stream().filter(i -> isGlueCall(i, "enter")).count(), "and nothing else is checked");
    }

    /** A {@code tableswitch} that can jump back is a back-edge too; its forward cases are not. */
    @Test
    void aSwitchBackIsKillChecked() {
        byte[] loop = ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var top = code.newLabel();
                    var exit = code.newLabel();
                    code.labelBinding(top);
                    code.aload(0).arraylength();
                    code.tableswitch(0, 0, exit, List.of(SwitchCase.of(0, top)));
                    code.labelBinding(exit);
                    code.return_();
                }));
        List<Instruction> instructions = instructions(sealedMain(loop));
        int jump = indexOf(instructions, Opcode.TABLESWITCH);
        assertTrue(isGlueCall(instructions.get(jump - 1), "enter"), "checked before the switch");
        assertEquals(1, instructions.stream().filter(i -> isGlueCall(i, "enter")).count(), "no entry check: it calls nothing");
    }

    /** Each loop of a nest is checked on its own back-edge, inner loops included. */
    @Test
    void everyLoopOfANestIsChecked() {
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
        List<Integer> backEdges = new ArrayList<>();
        for (int i = 0; i < instructions.size(); i++) {
            if (instructions.get(i).opcode() == Opcode.GOTO) {
                backEdges.add(i);
            }
        }
        assertEquals(2, backEdges.size());
        for (int back : backEdges) {
            assertTrue(isGlueCall(instructions.get(back - 1), "enter"), "the back-edge at " + back + " is checked");
        }
    }

    /** A method that calls nothing cannot recurse: its entry needs no check (its loops have theirs). */
    @Test
    void aMethodThatCallsNothingHasNoEntryCheck() {
        byte[] leaf = ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                        .iconst_1().istore(1).return_()));
        assertEquals(0, instructions(sealedMain(leaf)).stream().filter(i -> isGlueCall(i, "enter")).count());
    }

    /**
     * javac's {@code for (int i = 0; i < n; i++) sum += i;} keeps its shape, so that the JIT still
     * recognises (and vectorises) it once the check in it has folded away: one call, nothing else.
     */
    @Test
    void aCountedLoopKeepsItsShape() {
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
        List<Opcode> original = instructions(mainCode(counted)).stream().map(Instruction::opcode).toList();
        List<Instruction> sealed = instructions(sealedMain(counted));
        List<Opcode> withoutChecks = sealed.stream().filter(i -> !isGlueCall(i, "enter")).map(Instruction::opcode).toList();
        assertEquals(original, withoutChecks, "the loop as written");
        int back = lastIndexOf(sealed, Opcode.GOTO);
        assertTrue(isGlueCall(sealed.get(back - 1), "enter"), "checked on its back-edge");
        assertEquals(Opcode.IINC, sealed.get(back - 2).opcode(), "the step untouched");
    }

    /**
     * {@code while (true) { new Object(); int[] a = new int[n]; int[][] m = new int[2][n]; if (...) return; }}:
     * no allocation site has a hook (the JVM's heap sampler charges them in the kernel), so no
     * object flows to a call that would keep the JIT from scalar-replacing it; only the lengths of
     * arrays are announced before they are allocated, and the loop keeps its check.
     */
    @Test
    void allocationSitesHaveNoHooks() {
        ClassDesc object = ClassDesc.of("java.lang.Object");
        byte[] allocating = ClassFile.of().build(MAIN, clb -> clb
                .withMethodBody("main", MAIN_TYPE, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    var loop = code.newLabel();
                    var exit = code.newLabel();
                    code.labelBinding(loop);
                    code.new_(object).dup().invokespecial(object, "<init>", MethodTypeDesc.of(CD_void)).pop();
                    code.aload(0).arraylength().newarray(TypeKind.INT).pop();
                    code.iconst_2().aload(0).arraylength().multianewarray(CD_int.arrayType(2), 2).pop();
                    code.aload(0).arraylength().ifeq(exit);
                    code.goto_(loop);
                    code.labelBinding(exit);
                    code.return_();
                }));
        CodeAttribute sealed = sealedMain(allocating);
        List<Instruction> instructions = instructions(sealed);
        List<String> glue = instructions.stream()
                .filter(i -> i instanceof InvokeInstruction call && call.owner().asInternalName().equals("singj/abi/runtime/SipGlue"))
                .map(i -> ((InvokeInstruction) i).name().stringValue()).toList();
        assertEquals(List.of("arrayRequest", "multiArrayRequest", "enter"), glue,
                "the lengths announced before the arrays are allocated, the back-edge checked, nothing else");
        int newarray = instructions.indexOf(instructions.stream().filter(i -> i.opcode() == Opcode.NEWARRAY).findFirst().orElseThrow());
        assertEquals(Opcode.POP, instructions.get(newarray + 1).opcode(), "the array goes where the program put it, not to a call");
        int multi = instructions.indexOf(instructions.stream().filter(i -> i.opcode() == Opcode.MULTIANEWARRAY).findFirst().orElseThrow());
        assertEquals(Opcode.POP, instructions.get(multi + 1).opcode());
        assertTrue(sealed.exceptionHandlers().isEmpty(), "no handler added to charge on the way out");
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

    private static CodeAttribute mainCode(byte[] classFile) {
        ClassModel model = ClassFile.of().parse(classFile);
        MethodModel main = model.methods().stream().filter(m -> m.methodName().equalsString("main")).findFirst().orElseThrow();
        return (CodeAttribute) main.code().orElseThrow();
    }

    private CodeAttribute sealedMain(byte[] classFile) {
        ProgramJar jar = TestJars.jar(dir, "Forged", Map.of("Forged", classFile));
        SealedProgram program = Installer.standard().seal(jar, "forged", 0);
        return mainCode(program.classes().get("Forged"));
    }

    /** A handler after the method's code, where no range covers it (a stub), starts with the check. */
    private static void assertEveryStubChecksFirst(CodeAttribute sealed) {
        int end = sealed.exceptionHandlers().stream().mapToInt(r -> sealed.labelToBci(r.tryEnd())).max().orElseThrow();
        for (ExceptionCatch range : sealed.exceptionHandlers()) {
            int handler = sealed.labelToBci(range.handler());
            if (handler > end) {
                assertTrue(isGlueCall(instructionAt(sealed, handler + 1), "onCatch"), "a stub after the code checks first");
            }
        }
    }

    private static CodeBuilder newObject(CodeBuilder code) {
        ClassDesc object = ClassDesc.of("java.lang.Object");
        return code.new_(object).dup().invokespecial(object, "<init>", MethodTypeDesc.of(CD_void));
    }

    private static Instruction instructionAt(CodeAttribute code, int bci) {
        return instructionsFrom(code, bci).getFirst();
    }

    private static List<Instruction> instructionsFrom(CodeAttribute code, int bci) {
        List<Instruction> result = new ArrayList<>();
        int offset = 0;
        for (CodeElement e : code) {
            if (e instanceof Instruction i) {
                if (offset >= bci) {
                    result.add(i);
                }
                offset += i.sizeInBytes();
            }
        }
        return result;
    }

    private static List<Integer> branchTargets(CodeAttribute code) {
        List<Integer> targets = new ArrayList<>();
        for (CodeElement e : code) {
            if (e instanceof BranchInstruction branch) {
                targets.add(code.labelToBci(branch.target()));
            }
        }
        return targets;
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
