package singj.installer;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Instruction;
import java.lang.classfile.Label;
import java.lang.classfile.Opcode;
import java.lang.classfile.attribute.CodeAttribute;
import java.lang.classfile.instruction.DiscontinuedInstruction;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AccessFlag;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Class files javac never emits, built with java.lang.classfile (and patched where even that API
 * refuses to build them), each of which the type verifier must reject with the right rule, at the
 * right offset. Each test also asks the JVM's own verifier, to show the class is really unsafe
 * (or, where the JVM accepts it, that we are deliberately stricter).
 *
 * <p>Most are class file version 49 without a StackMapTable, so that the JVM checks them by type
 * inference as we do, rather than failing them only for the missing stack maps.
 */
class HostileClassFilesTest {
    private static final String PACKAGE = "singj/installer/";
    private static final MethodTypeDesc MAIN = MethodTypeDesc.of(CD_void, CD_String.arrayType());
    private static final ClassFile BUILD = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS);

    @TempDir
    Path dir;

    @Test
    void forgedLocalIntOnOnePathObjectOnAnother() {
        ClassDesc forged = ClassDesc.ofInternalName(PACKAGE + "Forged");
        byte[] bytes = build("Forged", 49, cb -> {
            cb.withField("secret", CD_int, ClassFile.ACC_PRIVATE);
            constructor(cb);
            cb.withMethodBody("main", MAIN, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                Label forge = code.newLabel();
                Label use = code.newLabel();
                code.aload(0).arraylength().ifeq(forge)
                        .new_(forged).dup().invokespecial(forged, "<init>", MethodTypeDesc.of(CD_void)).astore(1)
                        .goto_(use)
                        .labelBinding(forge).sipush(0x1000).istore(1)
                        .labelBinding(use).aload(1).getfield(forged, "secret", CD_int).pop().return_();
            });
        });
        Violation v = onlyViolation("Forged", bytes);
        assertEquals("type-safety", v.rule());
        assertEquals("main([Ljava/lang/String;)V", v.method());
        assertEquals(offsetOf(bytes, "main", Opcode.ALOAD_1), v.offset());
        assertTrue(v.message().contains("local 1 is int on one path and singj.installer.Forged on another"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void stackUnderflow() {
        // built as iconst_0 iconst_0 pop pop, then the second iconst_0 becomes a nop
        byte[] built = build("Underflow", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_void),
                ClassFile.ACC_STATIC, code -> code.iconst_0().iconst_0().pop().pop().return_()));
        byte[] bytes = patch(built, "03035757b1", "03005757b1");
        Violation v = onlyViolation("Underflow", bytes);
        assertEquals("type-safety", v.rule());
        assertEquals(3, v.offset(), "the second pop");
        assertTrue(v.message().startsWith("pop: stack underflow"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void stackOverflowBeyondMaxStack() {
        // max_stack is 2; the pop after the first iconst_0 becomes a third iconst_0
        byte[] built = build("Overflow", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_void),
                ClassFile.ACC_STATIC, code -> code.iconst_0().pop().iconst_0().iconst_0().pop2().return_()));
        byte[] bytes = patch(built, "0357030358b1", "0303030358b1");
        Violation v = onlyViolation("Overflow", bytes);
        assertEquals("type-safety", v.rule());
        assertEquals(2, v.offset());
        assertTrue(v.message().contains("stack overflow") && v.message().contains("max_stack is 2"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void branchIntoTheMiddleOfAnInstruction() {
        byte[] built = build("MidBranch", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_int, CD_int),
                ClassFile.ACC_STATIC, code -> {
                    Label zero = code.newLabel();
                    code.iload(0).ifeq(zero).sipush(1000).ireturn().labelBinding(zero).iconst_0().ireturn();
                }));
        // ifeq at 1 jumps +7 to 8; make it +4, into the operand of the sipush at 4
        byte[] bytes = patch(built, "1a99000711", "1a99000411");
        Violation v = onlyViolation("MidBranch", bytes);
        assertEquals("code-structure", v.rule());
        assertEquals(1, v.offset());
        assertTrue(v.message().contains("5 is not the start of an instruction (it is inside one)"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void useOfAnUninitializedObject() {
        byte[] bytes = build("Uninit", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_int),
                ClassFile.ACC_STATIC, code -> code.new_(CD_Object).invokevirtual(CD_Object, "hashCode",
                        MethodTypeDesc.of(CD_int)).ireturn()));
        Violation v = onlyViolation("Uninit", bytes);
        assertEquals("type-safety", v.rule());
        assertEquals(offsetOf(bytes, "run", Opcode.INVOKEVIRTUAL), v.offset());
        assertTrue(v.message().contains("the receiver is an uninitialized object (new @ 0)"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void constructorThatNeverCallsSuper() {
        byte[] bytes = build("NoSuper", 49, cb -> cb.withMethodBody("<init>", MethodTypeDesc.of(CD_void),
                ClassFile.ACC_PUBLIC, CodeBuilder::return_));
        Violation v = onlyViolation("NoSuper", bytes);
        assertEquals("type-safety", v.rule());
        assertTrue(v.message().contains("returns before calling a super or own constructor"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void wrongReturnType() {
        byte[] bytes = build("WrongReturn", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_int),
                ClassFile.ACC_STATIC, code -> code.ldc("not an int").areturn()));
        Violation v = onlyViolation("WrongReturn", bytes);
        assertEquals("type-safety", v.rule());
        assertEquals(offsetOf(bytes, "run", Opcode.ARETURN), v.offset());
        assertTrue(v.message().contains("returns a reference from a method that returns int"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void referenceReturnedAsAnotherClass() {
        byte[] bytes = build("WrongClassReturn", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_String),
                ClassFile.ACC_STATIC, code -> code.new_(CD_Object).dup()
                        .invokespecial(CD_Object, "<init>", MethodTypeDesc.of(CD_void)).areturn()));
        Violation v = onlyViolation("WrongClassReturn", bytes);
        assertEquals("type-safety", v.rule());
        assertTrue(v.message().contains("the returned value is java.lang.Object, not a java.lang.String"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void constantPoolReferenceOfTheWrongKind() {
        ClassDesc self = ClassDesc.ofInternalName(PACKAGE + "BadRef");
        byte[] built = build("BadRef", 49, cb -> {
            cb.withField("counter", CD_int, ClassFile.ACC_STATIC);
            cb.withMethodBody("helper", MethodTypeDesc.of(CD_void), ClassFile.ACC_STATIC, CodeBuilder::return_);
            cb.withMethodBody("run", MethodTypeDesc.of(CD_int), ClassFile.ACC_STATIC, code -> code
                    .invokestatic(self, "helper", MethodTypeDesc.of(CD_void))
                    .getstatic(self, "counter", CD_int).ireturn());
        });
        // point the getstatic at the Methodref entry the invokestatic uses
        ClassModel model = ClassFile.of().parse(built);
        byte[] code = codeBytes(model, "run");
        String invoke = HexFormat.of().formatHex(code, 0, 3);
        String get = HexFormat.of().formatHex(code, 3, 6);
        byte[] bytes = patch(built, invoke + get, invoke + "b2" + invoke.substring(2));
        Violation v = onlyViolation("BadRef", bytes);
        assertEquals("constant-pool", v.rule());
        assertEquals(3, v.offset());
        assertJvmRejects(bytes);
    }

    @Test
    void handlerThatCatchesANonThrowable() {
        byte[] bytes = build("CatchString", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_void),
                ClassFile.ACC_STATIC, code -> {
                    Label start = code.newLabel();
                    Label end = code.newLabel();
                    Label handler = code.newLabel();
                    code.labelBinding(start).invokestatic(ClassDesc.of("java.lang.Thread"), "onSpinWait",
                                    MethodTypeDesc.of(CD_void)).labelBinding(end).return_()
                            .labelBinding(handler).athrow()
                            .exceptionCatch(start, end, handler, CD_String);
                }));
        Violation v = onlyViolation("CatchString", bytes);
        assertEquals("type-safety", v.rule());
        assertTrue(v.message().contains("catches java.lang.String, which is not a known subclass of java.lang.Throwable"),
                v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void handlerRangeThatEndsBeforeItStarts() {
        ClassDesc exception = ClassDesc.of("java.lang.RuntimeException");
        byte[] built = build("BackwardsRange", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_void),
                ClassFile.ACC_STATIC, code -> {
                    Label start = code.newLabel();
                    Label end = code.newLabel();
                    Label handler = code.newLabel();
                    code.labelBinding(start).iconst_0().pop().labelBinding(end).return_()
                            .labelBinding(handler).pop().return_()
                            .exceptionCatch(start, end, handler, exception);
                }));
        // the exception table entry start=0, end=2, handler=3 becomes start=2, end=0
        byte[] bytes = patch(built, "0001" + "0000" + "0002" + "0003", "0001" + "0002" + "0000" + "0003");
        Violation v = onlyViolation("BackwardsRange", bytes);
        assertEquals("code-structure", v.rule());
        assertTrue(v.message().contains("the range ends before it starts"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void typeConfusionThroughAMerge() {
        // a String on one path and an Integer on the other meet as Object, then used as a String
        byte[] bytes = build("Confusion", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_int, CD_int),
                ClassFile.ACC_STATIC, code -> {
                    Label other = code.newLabel();
                    Label use = code.newLabel();
                    code.iload(0).ifeq(other).ldc("text").astore(1).goto_(use)
                            .labelBinding(other).iload(0)
                            .invokestatic(ConstantDescs.CD_Integer, "valueOf", MethodTypeDesc.of(ConstantDescs.CD_Integer, CD_int))
                            .astore(1)
                            .labelBinding(use).aload(1).invokevirtual(CD_String, "length", MethodTypeDesc.of(CD_int))
                            .ireturn();
                }));
        Violation v = onlyViolation("Confusion", bytes);
        assertEquals("type-safety", v.rule());
        assertEquals(offsetOf(bytes, "run", Opcode.INVOKEVIRTUAL), v.offset());
        assertTrue(v.message().contains("the receiver is java.lang.Object, not a java.lang.String"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void subroutinesInAnOldClassFile() {
        byte[] bytes = build("Subroutine", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_void),
                ClassFile.ACC_STATIC, code -> {
                    Label sub = code.newLabel();
                    code.with(DiscontinuedInstruction.JsrInstruction.of(sub));
                    code.return_();
                    code.labelBinding(sub).astore(0);
                    code.with(DiscontinuedInstruction.RetInstruction.of(0));
                }));
        Violation v = onlyViolation("Subroutine", bytes);
        assertEquals("subroutine", v.rule());
        assertEquals(0, v.offset());
        assertTrue(v.message().contains("subroutines (jsr/ret) are not supported; recompile with javac 7 or later"),
                v.message());
        // the JVM accepts this one (its old verifier handles subroutines): we are deliberately stricter
        assertFalse(JvmVerdict.rejection(MethodHandles.lookup(), bytes).isPresent());
    }

    @Test
    void finalFieldWrittenOutsideItsConstructor() {
        ClassDesc self = ClassDesc.ofInternalName(PACKAGE + "FinalWrite");
        byte[] bytes = build("FinalWrite", 52, cb -> {
            cb.withField("limit", CD_int, ClassFile.ACC_PRIVATE | ClassFile.ACC_FINAL);
            constructor(cb);
            cb.withMethodBody("reset", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC,
                    code -> code.aload(0).iconst_0().putfield(self, "limit", CD_int).return_());
        });
        Violation v = onlyViolation("FinalWrite", bytes);
        assertEquals("final-field", v.rule());
        assertEquals(offsetOf(bytes, "reset", Opcode.PUTFIELD), v.offset());
        assertTrue(v.message().contains("writes final field singj.installer.FinalWrite.limit outside the constructor"),
                v.message());
        // the JVM links it (it refuses the write only when it runs, for class files of version 53 and later;
        // version 52 and earlier it even allows it): rejecting it at install is stricter and earlier
        assertFalse(JvmVerdict.rejection(MethodHandles.lookup(), bytes).isPresent());
    }

    @Test
    void invokespecialOfAnUnrelatedClassMethod() {
        byte[] bytes = build("Unrelated", 49, cb -> {
            constructor(cb);
            cb.withMethodBody("run", MethodTypeDesc.of(CD_int), ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).invokespecial(CD_String, "length", MethodTypeDesc.of(CD_int)).ireturn());
        });
        Violation v = onlyViolation("Unrelated", bytes);
        assertEquals("type-safety", v.rule());
        assertEquals(offsetOf(bytes, "run", Opcode.INVOKESPECIAL), v.offset());
        assertTrue(v.message().contains("neither singj.installer.Unrelated nor one of its supertypes"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void everyViolationOfEveryMethodIsReported() {
        byte[] bytes = build("Several", 49, cb -> {
            cb.withMethodBody("a", MethodTypeDesc.of(CD_int), ClassFile.ACC_STATIC, code -> code.aconst_null().ireturn());
            cb.withMethodBody("b", MethodTypeDesc.of(CD_void), ClassFile.ACC_STATIC, code -> code.iconst_0().return_());
            cb.withMethodBody("c", MethodTypeDesc.of(CD_void, CD_int), ClassFile.ACC_STATIC, code -> {
                Label second = code.newLabel();
                code.iload(0).ifeq(second).aconst_null().arraylength().pop().return_()
                        .labelBinding(second).iconst_0().arraylength().pop().return_();
            });
        });
        List<Violation> violations = typeViolations("Several", bytes);
        assertEquals(List.of("a()I", "c(I)V"), violations.stream().map(Violation::method).distinct().toList(),
                violations.toString());
        assertEquals(1, violations.stream().filter(v -> v.method().equals("c(I)V")).count(), violations.toString());
    }

    @Test
    void protectedFieldOfAnotherPackageReadThroughTheSuperclass() {
        ClassDesc base = ClassDesc.ofInternalName("other/Base");
        byte[] baseBytes = BUILD.build(base, cb -> {
            cb.withVersion(49, 0);
            cb.withFlags(AccessFlag.PUBLIC, AccessFlag.SUPER);
            cb.withSuperclass(CD_Object);
            cb.withField("secret", CD_int, ClassFile.ACC_PROTECTED);
            constructor(cb);
        });
        ClassDesc peek = ClassDesc.ofInternalName(PACKAGE + "Peek");
        byte[] peekBytes = BUILD.build(peek, cb -> {
            cb.withVersion(49, 0);
            cb.withFlags(AccessFlag.PUBLIC, AccessFlag.SUPER);
            cb.withSuperclass(base);
            cb.withMethodBody("<init>", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).invokespecial(base, "<init>", MethodTypeDesc.of(CD_void)).return_());
            // allowed: the object is a Peek
            cb.withMethodBody("own", MethodTypeDesc.of(CD_int, peek), ClassFile.ACC_STATIC, code -> code
                    .aload(0).getfield(base, "secret", CD_int).ireturn());
            // not allowed: any other subclass of Base could be passed in
            cb.withMethodBody("anyone", MethodTypeDesc.of(CD_int, base), ClassFile.ACC_STATIC, code -> code
                    .aload(0).getfield(base, "secret", CD_int).ireturn());
        });
        ProgramJar jar = TestJars.jar(dir, PACKAGE + "Peek", Map.of("other/Base", baseBytes, PACKAGE + "Peek", peekBytes));
        List<Violation> violations = Installer.standard().verify(jar).violations();
        assertEquals(1, violations.size(), violations.toString());
        Violation v = violations.getFirst();
        assertEquals("type-safety", v.rule());
        assertEquals("anyone(Lother/Base;)I", v.method());
        assertEquals(1, v.offset());
        assertTrue(v.message().contains("protected member other.Base.secret used on other.Base"), v.message());
        // (not asked of the JVM here: that needs Base and Peek in two packages of one loader; its
        // verifier rejects this as "Bad access to protected data")
    }

    @Test
    void dupThatSplitsALong() {
        byte[] bytes = build("SplitLong", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_void),
                ClassFile.ACC_STATIC, code -> code.lconst_0().dup().pop2().pop().return_()));
        Violation v = onlyViolation("SplitLong", bytes);
        assertEquals("type-safety", v.rule());
        assertEquals(1, v.offset());
        assertTrue(v.message().contains("dup would split the long"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void stackHeightsThatDifferWherePathsJoin() {
        byte[] bytes = build("Heights", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_void, CD_int),
                ClassFile.ACC_STATIC, code -> {
                    Label join = code.newLabel();
                    code.iconst_0().iload(0).ifeq(join).pop().labelBinding(join).return_();
                }));
        Violation v = onlyViolation("Heights", bytes);
        assertEquals("type-safety", v.rule());
        assertTrue(v.message().contains("the stack holds"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void executionThatFallsOffTheEndOfTheCode() {
        byte[] bytes = build("FallsOff", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_void),
                ClassFile.ACC_STATIC, code -> code.iconst_0().pop()));
        Violation v = onlyViolation("FallsOff", bytes);
        assertEquals("code-structure", v.rule());
        assertEquals(1, v.offset());
        assertTrue(v.message().contains("falls off the end of the code"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void constructorOfAnotherClassOnANewObject() {
        byte[] bytes = build("WrongInit", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_Object),
                ClassFile.ACC_STATIC, code -> code.new_(CD_String).dup()
                        .invokespecial(CD_Object, "<init>", MethodTypeDesc.of(CD_void)).areturn()));
        Violation v = onlyViolation("WrongInit", bytes);
        assertEquals("type-safety", v.rule());
        assertEquals(offsetOf(bytes, "run", Opcode.INVOKESPECIAL), v.offset());
        assertTrue(v.message().contains("calls a constructor of java.lang.Object on a new java.lang.String"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void anAttributeLongerThanTheClassFileIsMalformed() {
        byte[] built = build("LongAttribute", 49, cb -> {
            cb.with(java.lang.classfile.attribute.SourceFileAttribute.of("LongAttribute.java"));
            constructor(cb);
        });
        // the SourceFile attribute is the class's last: its length (2) becomes 0x7fff
        byte[] bytes = built.clone();
        bytes[bytes.length - 3] = 0x7f;
        bytes[bytes.length - 4] = (byte) 0xff;
        Violation v = onlyViolation("LongAttribute", bytes);
        assertEquals("malformed-class", v.rule());
        assertTrue(v.message().contains("attribute SourceFile says it is"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void handlerAlsoReachedByFallingIntoItWithAnotherStack() {
        byte[] bytes = build("FallIntoHandler", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_void),
                ClassFile.ACC_STATIC, code -> {
                    Label start = code.newLabel();
                    Label end = code.newLabel();
                    code.iconst_0().iconst_0().labelBinding(start).nop().labelBinding(end).pop().return_()
                            .exceptionCatch(start, end, end, ClassDesc.of("java.lang.RuntimeException"));
                }));
        Violation v = onlyViolation("FallIntoHandler", bytes);
        assertEquals("type-safety", v.rule());
        assertTrue(v.message().contains("the stack holds") || v.message().contains("is reached with"), v.message());
        assertJvmRejects(bytes);
    }

    @Test
    void anObjectFromAnEarlierLoopTripIsNotInitializedByTheLaterConstructorCall() {
        // local 0 keeps the first trip's new Object; the second trip's constructor call must not vouch for it
        byte[] real = build("TwoTrips", 49, cb -> cb.withMethodBody("run", MethodTypeDesc.of(CD_int),
                ClassFile.ACC_STATIC, code -> {
                    Label loop = code.newLabel();
                    Label second = code.newLabel();
                    code.iconst_0().istore(1)
                            .labelBinding(loop).new_(CD_Object).iload(1).ifne(second)
                            .astore(0).iconst_1().istore(1).goto_(loop)
                            .labelBinding(second).invokespecial(CD_Object, "<init>", MethodTypeDesc.of(CD_void))
                            .aload(0).invokevirtual(CD_Object, "hashCode", MethodTypeDesc.of(CD_int)).ireturn();
                }));
        List<Violation> violations = typeViolations("TwoTrips", real);
        assertEquals(List.of("type-safety"), violations.stream().map(Violation::rule).distinct().toList(),
                violations.toString());
        assertEquals(offsetOf(real, "run", Opcode.ALOAD_0), violations.getFirst().offset(), violations.toString());
        assertJvmRejects(real);
    }

    // ---- helpers

    private static void constructor(ClassBuilder cb) {
        cb.withMethodBody("<init>", MethodTypeDesc.of(CD_void), ClassFile.ACC_PUBLIC, code -> code
                .aload(0).invokespecial(CD_Object, "<init>", MethodTypeDesc.of(CD_void)).return_());
    }

    private static byte[] build(String simpleName, int version, Consumer<ClassBuilder> body) {
        return BUILD.build(ClassDesc.ofInternalName(PACKAGE + simpleName), cb -> {
            cb.withVersion(version, 0);
            cb.withFlags(AccessFlag.PUBLIC, AccessFlag.SUPER);
            cb.withSuperclass(CD_Object);
            body.accept(cb);
        });
    }

    /** Replaces the one occurrence of the hex string {@code find} in {@code bytes}. */
    private static byte[] patch(byte[] bytes, String find, String replace) {
        HexFormat hex = HexFormat.of();
        String text = hex.formatHex(bytes);
        int at = text.indexOf(find);
        while (at >= 0 && at % 2 != 0) {
            at = text.indexOf(find, at + 1);
        }
        assertTrue(at >= 0, "pattern " + find + " not in the class file");
        assertEquals(-1, text.indexOf(find, at + 2), "pattern " + find + " is not unique");
        return hex.parseHex(text.substring(0, at) + replace + text.substring(at + find.length()));
    }

    private static byte[] codeBytes(ClassModel model, String method) {
        return model.methods().stream().filter(m -> m.methodName().equalsString(method)).findFirst().orElseThrow()
                .code().map(c -> ((CodeAttribute) c).codeArray()).orElseThrow();
    }

    /** The offset of the first {@code opcode} in {@code method}, read from the class file itself. */
    private static int offsetOf(byte[] bytes, String method, Opcode opcode) {
        var code = ClassFile.of().parse(bytes).methods().stream().filter(m -> m.methodName().equalsString(method))
                .findFirst().orElseThrow().code().orElseThrow();
        int offset = 0;
        for (var element : code) {
            if (element instanceof Instruction instruction) {
                if (instruction.opcode() == opcode) {
                    return offset;
                }
                offset += instruction.sizeInBytes();
            }
        }
        throw new AssertionError(opcode + " not in " + method);
    }

    private List<Violation> typeViolations(String simpleName, byte[] bytes) {
        ProgramJar jar = TestJars.jar(dir, PACKAGE + simpleName, Map.of(PACKAGE + simpleName, bytes));
        return Installer.standard().verify(jar).violations();
    }

    private Violation onlyViolation(String simpleName, byte[] bytes) {
        List<Violation> violations = typeViolations(simpleName, bytes);
        assertEquals(1, violations.size(), violations.toString());
        Violation v = violations.getFirst();
        assertEquals("singj.installer." + simpleName, v.className());
        return v;
    }

    private static void assertJvmRejects(byte[] bytes) {
        var rejection = JvmVerdict.rejection(MethodHandles.lookup(), bytes);
        assertTrue(rejection.isPresent(), "the JVM accepts it");
        assertTrue(rejection.get() instanceof VerifyError || rejection.get() instanceof ClassFormatError,
                rejection.get().toString());
    }
}
