package singj.installer;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.AttributeMapper;
import java.lang.classfile.AttributedElement;
import java.lang.classfile.BufWriter;
import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassReader;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.CustomAttribute;
import java.lang.classfile.Label;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.ObjectVerificationTypeInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.SimpleVerificationTypeInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.UninitializedVerificationTypeInfo;
import java.lang.classfile.attribute.StackMapFrameInfo.VerificationTypeInfo;
import java.lang.classfile.attribute.StackMapTableAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.AccessFlag;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The StackMapTable against the JVMS type checker (StackMapCheck): class files of version 51 and
 * later whose frames are missing or wrong, built by hand, each refused by SingJ with a message that
 * says where and why, and by the JVM's own verifier; and beside each, its twin with correct frames,
 * which both accept. Code that inference alone finds type safe, so that only the frames decide.
 */
class StackMapTableTest {
    private static final String PACKAGE = "singj/installer/";
    private static final ClassFile BUILD = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS);
    private static final MethodTypeDesc INT_OF_INT = MethodTypeDesc.of(CD_int, CD_int);
    private static final MethodTypeDesc VOID_OF_INT = MethodTypeDesc.of(CD_void, CD_int);
    private static final VerificationTypeInfo INT = SimpleVerificationTypeInfo.INTEGER;
    private static final VerificationTypeInfo FLOAT = SimpleVerificationTypeInfo.FLOAT;

    @TempDir
    Path dir;

    @Test
    void noTableAtAll() {
        // if (x == 0) return 1; return 2;
        Consumer<CodeBuilder> body = code -> {
            Label one = code.newLabel();
            code.iload(0).ifeq(one).iconst_2().ireturn().labelBinding(one).iconst_1().ireturn();
        };
        byte[] bytes = build("NoTable", 52, cb -> cb.withMethodBody("run", INT_OF_INT, ClassFile.ACC_STATIC, body));
        List<Violation> violations = typeViolations("NoTable", bytes);
        assertEquals(2, violations.size(), violations.toString());
        assertEquals("type-safety", violations.get(0).rule());
        assertEquals(1, violations.get(0).offset());
        assertEquals("ifeq 6: StackMapTable: no frame at branch target 6", violations.get(0).message());
        assertEquals(6, violations.get(1).offset());
        assertEquals("iconst_1: StackMapTable: no frame at 6, after the ireturn at 5 (the instruction after an "
                + "unconditional branch, return, athrow or switch needs one)", violations.get(1).message());
        assertJvmRejects(bytes);

        byte[] twin = ClassFile.of().build(ClassDesc.ofInternalName(PACKAGE + "NoTable"), cb -> {
            cb.withVersion(52, 0).withFlags(AccessFlag.PUBLIC, AccessFlag.SUPER).withSuperclass(CD_Object);
            cb.withMethodBody("run", INT_OF_INT, ClassFile.ACC_STATIC, body);
        });
        assertBothAccept("NoTable", twin);
    }

    @Test
    void noFrameAtABranchTarget() {
        // if (x == 0) return 1; if (x != 0) return 2; (the table has a frame only for the second target)
        byte[][] pair = twins("MissingTarget", (code, correct) -> {
            Label one = code.newLabel();
            Label two = code.newLabel();
            code.iload(0).ifeq(one).iload(0).ifne(two).labelBinding(one).iconst_1().ireturn()
                    .labelBinding(two).iconst_2().ireturn();
            List<StackMapFrameInfo> frames = new ArrayList<>();
            if (correct) {
                frames.add(StackMapFrameInfo.of(one, List.of(INT), List.of()));
            }
            frames.add(StackMapFrameInfo.of(two, List.of(INT), List.of()));
            code.with(StackMapTableAttribute.of(frames));
        });
        Violation v = onlyViolation("MissingTarget", pair[0]);
        assertEquals(1, v.offset());
        assertEquals("ifeq 8: StackMapTable: no frame at branch target 8", v.message());
        assertJvmRejects(pair[0]);
        assertBothAccept("MissingTarget", pair[1]);
    }

    @Test
    void aFrameSaysALocalIsAStringWhereAnIntFlowsIn() {
        // local 1 holds an int; the frame at the branch target says it holds a String (and nothing reads it)
        byte[][] pair = twins("WrongLocal", (code, correct) -> {
            Label end = code.newLabel();
            code.iconst_5().istore(1).iload(0).ifeq(end).labelBinding(end).iconst_0().ireturn();
            code.with(StackMapTableAttribute.of(List.of(StackMapFrameInfo.of(end,
                    List.of(INT, correct ? INT : ObjectVerificationTypeInfo.of(CD_String)), List.of()))));
        });
        List<Violation> violations = typeViolations("WrongLocal", pair[0]);
        // the branch and the fall-through both reach the frame with the int
        assertEquals(2, violations.size(), violations.toString());
        assertEquals(3, violations.get(0).offset());
        assertEquals("ifeq 6: StackMapTable: the frame at 6 says local 1 is java.lang.String, but int flows in from 3",
                violations.get(0).message());
        assertEquals(6, violations.get(1).offset());
        assertEquals("iconst_0: StackMapTable: the frame at 6 says local 1 is java.lang.String, but int flows in from 3",
                violations.get(1).message());
        assertJvmRejects(pair[0]);
        assertBothAccept("WrongLocal", pair[1]);
    }

    @Test
    void aFrameSaysTheStackHoldsAFloatWhereAnIntFlowsIn() {
        byte[][] pair = twins("WrongStack", (code, correct) -> {
            Label join = code.newLabel();
            code.iconst_1().iload(0).ifeq(join).iconst_0().pop().labelBinding(join).pop().iconst_0().ireturn();
            code.with(StackMapTableAttribute.of(List.of(StackMapFrameInfo.of(join, List.of(INT),
                    List.of(correct ? INT : FLOAT)))));
        });
        List<Violation> violations = typeViolations("WrongStack", pair[0]);
        assertEquals(2, violations.size(), violations.toString());
        assertEquals(2, violations.get(0).offset());
        assertEquals("ifeq 7: StackMapTable: the frame at 7 says stack slot 0 is float, but int flows in from 2",
                violations.get(0).message());
        assertEquals("pop: StackMapTable: the frame at 7 says stack slot 0 is float, but int flows in from 6",
                violations.get(1).message());
        assertJvmRejects(pair[0]);
        assertBothAccept("WrongStack", pair[1]);
    }

    @Test
    void noFrameAfterAGoto() {
        // return 0 through a goto, with an instruction no path reaches between the goto and its target
        byte[][] pair = twins("AfterGoto", (code, correct) -> {
            Label dead = code.newLabel();
            Label end = code.newLabel();
            code.iconst_0().goto_(end).labelBinding(dead).pop().iconst_1().labelBinding(end).ireturn();
            List<StackMapFrameInfo> frames = new ArrayList<>();
            if (correct) {
                frames.add(StackMapFrameInfo.of(dead, List.of(INT), List.of(INT)));
            }
            frames.add(StackMapFrameInfo.of(end, List.of(INT), List.of(INT)));
            code.with(StackMapTableAttribute.of(frames));
        });
        Violation v = onlyViolation("AfterGoto", pair[0]);
        assertEquals(4, v.offset());
        assertEquals("pop: StackMapTable: no frame at 4, after the goto 6 at 1 (the instruction after an "
                + "unconditional branch, return, athrow or switch needs one)", v.message());
        assertJvmRejects(pair[0]);
        assertBothAccept("AfterGoto", pair[1]);
    }

    @Test
    void aTypeErrorInCodeNoPathReaches() {
        // after the return, code with a frame of its own returns a float from a method that returns int
        byte[][] pair = twins("DeadCode", (code, correct) -> {
            Label dead = code.newLabel();
            code.iconst_0().ireturn().labelBinding(dead);
            if (correct) {
                code.iconst_1();
            } else {
                code.fconst_1();
            }
            code.ireturn();
            code.with(StackMapTableAttribute.of(List.of(StackMapFrameInfo.of(dead, List.of(INT), List.of()))));
        });
        Violation v = onlyViolation("DeadCode", pair[0]);
        assertEquals("type-safety", v.rule());
        assertEquals(3, v.offset());
        assertEquals("ireturn: StackMapTable: from the frame at 2, the returned value is float, not a int", v.message());
        assertJvmRejects(pair[0]);
        assertBothAccept("DeadCode", pair[1]);
    }

    @Test
    void anExceptionHandlersFrameSaysALocalIsAFloat() {
        // try { return 1 / x; } catch (ArithmeticException e) { return 0; }, the handler's frame giving x as a float
        ClassDesc arithmetic = ClassDesc.of("java.lang.ArithmeticException");
        byte[][] pair = twins("HandlerFrame", (code, correct) -> {
            Label start = code.newLabel();
            Label end = code.newLabel();
            Label handler = code.newLabel();
            code.labelBinding(start).iconst_1().iload(0).idiv().ireturn().labelBinding(end)
                    .labelBinding(handler).pop().iconst_0().ireturn();
            code.exceptionCatch(start, end, handler, arithmetic);
            code.with(StackMapTableAttribute.of(List.of(StackMapFrameInfo.of(handler, List.of(correct ? INT : FLOAT),
                    List.of(ObjectVerificationTypeInfo.of(arithmetic))))));
        });
        Violation v = onlyViolation("HandlerFrame", pair[0]);
        assertEquals(0, v.offset());
        assertEquals("iconst_1: StackMapTable: the frame at exception handler 4 says local 0 is float, but int flows in "
                + "from 0", v.message());
        assertJvmRejects(pair[0]);
        assertBothAccept("HandlerFrame", pair[1]);
    }

    @Test
    void aFrameNamesTheObjectOfAnotherNew() {
        // new Object(), its constructor called under a frame that names the object of a second new (in dead code)
        MethodTypeDesc noArguments = MethodTypeDesc.of(CD_void);
        byte[] hostile = null;
        byte[] twin = null;
        for (boolean correct : new boolean[] {false, true}) {
            byte[] bytes = build("OtherNew", 52, cb -> cb.withMethodBody("run", VOID_OF_INT, ClassFile.ACC_STATIC, code -> {
                Label first = code.newLabel();
                Label call = code.newLabel();
                Label second = code.newLabel();
                code.labelBinding(first).new_(CD_Object).dup().labelBinding(call)
                        .invokespecial(CD_Object, "<init>", noArguments).pop().return_()
                        .labelBinding(second).new_(CD_Object).dup().invokespecial(CD_Object, "<init>", noArguments)
                        .pop().return_();
                var object = UninitializedVerificationTypeInfo.of(correct ? first : second);
                code.with(StackMapTableAttribute.of(List.of(
                        StackMapFrameInfo.of(call, List.of(INT), List.of(object, object)),
                        StackMapFrameInfo.of(second, List.of(INT), List.of()))));
            }));
            if (correct) {
                twin = bytes;
            } else {
                hostile = bytes;
            }
        }
        Violation v = onlyViolation("OtherNew", hostile);
        assertEquals(4, v.offset());
        assertEquals("invokespecial java.lang.Object.<init>()V: StackMapTable: the frame at 4 says stack slot 0 is an "
                + "uninitialized object (new @ 9), but an uninitialized object (new @ 0) flows in from 3", v.message());
        assertJvmRejects(hostile);
        assertBothAccept("OtherNew", twin);
    }

    @Test
    void aConstructorsFrameDropsTheUninitializedThis() {
        // the frame after the goto has no local holding the uninitialized this: the JVM would then let a return through
        byte[] hostile = null;
        byte[] twin = null;
        for (boolean correct : new boolean[] {false, true}) {
            byte[] bytes = build("DropsThis", 52, cb -> cb.withMethodBody("<init>", MethodTypeDesc.of(CD_void),
                    ClassFile.ACC_PUBLIC, code -> {
                        Label next = code.newLabel();
                        code.goto_(next).labelBinding(next).aconst_null().athrow();
                        code.with(StackMapTableAttribute.of(List.of(StackMapFrameInfo.of(next,
                                correct ? List.of(SimpleVerificationTypeInfo.UNINITIALIZED_THIS) : List.of(), List.of()))));
                    }));
            if (correct) {
                twin = bytes;
            } else {
                hostile = bytes;
            }
        }
        Violation v = onlyViolation("DropsThis", hostile);
        assertEquals(0, v.offset());
        assertEquals("goto 3: StackMapTable: the frame at 3 says this is initialized (no local is uninitialized this), "
                + "but an uninitialized this flows in from 0", v.message());
        assertJvmRejects(hostile);
        assertBothAccept("DropsThis", twin);
    }

    @Test
    void noExceptionHandlerAroundSuperCanBeTyped() {
        // try { super(); } catch (Throwable t) { throw t; }: the handler would get this initialized or not,
        // depending on where super() threw; its frame can say neither (the JVM checks it before and after the call)
        byte[] hostile = build("SuperTry", 52, cb -> cb.withMethodBody("<init>", MethodTypeDesc.of(CD_void),
                ClassFile.ACC_PUBLIC, code -> {
                    Label start = code.newLabel();
                    Label end = code.newLabel();
                    Label handler = code.newLabel();
                    code.labelBinding(start).aload(0).invokespecial(CD_Object, "<init>", MethodTypeDesc.of(CD_void))
                            .labelBinding(end).return_().labelBinding(handler).athrow();
                    code.exceptionCatchAll(start, end, handler);
                    code.with(StackMapTableAttribute.of(List.of(StackMapFrameInfo.of(handler,
                            List.of(SimpleVerificationTypeInfo.UNINITIALIZED_THIS),
                            List.of(ObjectVerificationTypeInfo.of(ClassDesc.of("java.lang.Throwable")))))));
                }));
        List<Violation> violations = typeViolations("SuperTry", hostile);
        assertFalse(violations.isEmpty(), "accepted");
        assertEquals(1, violations.getFirst().offset(), violations.toString());
        assertTrue(violations.getFirst().message().contains("handler"), violations.toString());
        assertJvmRejects(hostile);

        // the twin: the handler covers only what comes before super(), where this is uninitialized throughout
        byte[] twin = build("SuperTry", 52, cb -> cb.withMethodBody("<init>", MethodTypeDesc.of(CD_void),
                ClassFile.ACC_PUBLIC, code -> {
                    Label start = code.newLabel();
                    Label end = code.newLabel();
                    Label handler = code.newLabel();
                    code.labelBinding(start).iconst_0().pop().labelBinding(end)
                            .aload(0).invokespecial(CD_Object, "<init>", MethodTypeDesc.of(CD_void))
                            .return_().labelBinding(handler).athrow();
                    code.exceptionCatchAll(start, end, handler);
                    code.with(StackMapTableAttribute.of(List.of(StackMapFrameInfo.of(handler,
                            List.of(SimpleVerificationTypeInfo.UNINITIALIZED_THIS),
                            List.of(ObjectVerificationTypeInfo.of(ClassDesc.of("java.lang.Throwable")))))));
                }));
        assertBothAccept("SuperTry", twin);
    }

    /**
     * Tables whose bytes do not parse: the JVM refuses them with a ClassFormatError from version 50 on
     * (no second try by inference), and so does the installer's format check (or, for a reserved frame
     * type, the ClassFile API already, when the installer parses the code). The frame they describe
     * would be right: a same_frame at 6, the branch target of {@link #branchy}.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "two tables,      000106,         000106, has more than one StackMapTable attribute",
        "a byte too many, 00010600,       ,       is 1 bytes longer than its 1 frames",
        "a frame short,   000206,         ,       a frame runs past the end of the attribute",
        "reserved type,   0001c80006,     ,       frame type",
        "unknown tag,     0001ff0006000109000000, , frame 1 has the unknown verification type tag 9",
        "outside the pool, 0001ff00060001070fff0000, , (a type in frame 1) refers to constant pool entry #4095",
    })
    void malformedTablesAreRefusedFromVersion50(String name, String table, String secondTable, String message) {
        for (int version : new int[] {50, 51}) {
            byte[] bytes = branchy("Malformed" + version, version, table, secondTable);
            Violation v = onlyViolation("Malformed" + version, bytes);
            assertEquals("malformed-class", v.rule());
            assertTrue(v.message().contains(message), v.message());
            assertJvmRejects(bytes);
        }
    }

    /**
     * Tables that parse but describe frames that cannot be: the JVM refuses them at version 51 (and at
     * 50 verifies the class again by inference, so it loads): never a crash of the installer.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "a frame outside the code,        00013f,                 Bytecode offset out of range",
        "a frame inside an instruction,   000102,                 frame 1 is at 2, which is not the start of an instruction",
        "more locals than max_locals,     0001ff0006000201010000,  has more locals than max_locals 1",
        "more stack than max_stack,       0001ff000600010100020101, has more words on the stack than max_stack 1",
        "an object made where no new is,  0001ff000600010800010000, names an object made by a new at 1",
        "chopping more locals than exist, 0001f80006,             StackMapTable",
    })
    void impossibleFramesAreRefusedAtVersion51(String name, String table, String message) {
        byte[] bytes = branchy("Impossible", 51, table, null);
        List<Violation> violations = typeViolations("Impossible", bytes);
        assertFalse(violations.isEmpty(), "accepted");
        assertTrue(violations.getFirst().message().contains(message), violations.toString());
        assertJvmRejects(bytes);

        byte[] old = branchy("Impossible", 50, table, null);
        var jvm = JvmVerdict.rejection(MethodHandles.lookup(), old);
        if (jvm.isPresent()) {
            assertFalse(typeViolations("Impossible", old).isEmpty(), "the JVM refuses it: " + jvm.get());
        }
    }

    @Test
    void version50FramesAreNotHeldAgainstTypeSafeCode() {
        // the JVM verifies it again by inference when its frames fail, and so loads it; inference accepts it too
        byte[] bytes = build("Fifty", 50, cb -> cb.withMethodBody("run", INT_OF_INT, ClassFile.ACC_STATIC, code -> {
            Label one = code.newLabel();
            code.iload(0).ifeq(one).iconst_2().ireturn().labelBinding(one).iconst_1().ireturn();
        }));
        assertBothAccept("Fifty", bytes);
    }

    // ---- helpers

    /** {@code if (x == 0) return 1; return 2;} with the raw StackMapTable {@code table} (hex), and a second one if given. */
    private byte[] branchy(String simpleName, int version, String table, String secondTable) {
        return build(simpleName, version, cb -> cb.withMethodBody("run", INT_OF_INT, ClassFile.ACC_STATIC, code -> {
            Label one = code.newLabel();
            code.iload(0).ifeq(one).iconst_2().ireturn().labelBinding(one).iconst_1().ireturn();
            code.with(new RawAttribute("StackMapTable", java.util.HexFormat.of().parseHex(table)));
            if (secondTable != null) {
                code.with(new RawAttribute("StackMapTable", java.util.HexFormat.of().parseHex(secondTable)));
            }
        }));
    }

    /** An attribute written exactly as given, however malformed: what a hostile compiler could emit. */
    private static final class RawAttribute extends CustomAttribute<RawAttribute> {
        private final byte[] content;

        RawAttribute(String name, byte[] content) {
            super(new AttributeMapper<>() {
                @Override
                public String name() {
                    return name;
                }

                @Override
                public RawAttribute readAttribute(AttributedElement enclosing, ClassReader reader, int position) {
                    throw new UnsupportedOperationException("written only");
                }

                @Override
                public void writeAttribute(BufWriter buf, RawAttribute attribute) {
                    buf.writeIndex(buf.constantPool().utf8Entry(name));
                    buf.writeInt(attribute.content.length);
                    buf.writeBytes(attribute.content);
                }

                @Override
                public AttributeStability stability() {
                    return AttributeStability.STATELESS;
                }
            });
            this.content = content;
        }
    }

    private interface Body {
        void build(CodeBuilder code, boolean correct);
    }

    /** The class with a static {@code int run(int)} built wrongly (element 0) and correctly (element 1), version 52. */
    private static byte[][] twins(String simpleName, Body body) {
        byte[][] pair = new byte[2][];
        for (int i = 0; i < 2; i++) {
            boolean correct = i == 1;
            pair[i] = build(simpleName, 52, cb -> cb.withMethodBody("run", INT_OF_INT, ClassFile.ACC_STATIC,
                    code -> body.build(code, correct)));
        }
        return pair;
    }

    private static byte[] build(String simpleName, int version, Consumer<ClassBuilder> body) {
        return BUILD.build(ClassDesc.ofInternalName(PACKAGE + simpleName), cb -> {
            cb.withVersion(version, 0);
            cb.withFlags(AccessFlag.PUBLIC, AccessFlag.SUPER);
            cb.withSuperclass(CD_Object);
            body.accept(cb);
        });
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

    private void assertBothAccept(String simpleName, byte[] bytes) {
        assertEquals(List.of(), typeViolations(simpleName, bytes));
        var rejection = JvmVerdict.rejection(MethodHandles.lookup(), bytes);
        assertFalse(rejection.isPresent(), () -> "the JVM rejects it: " + rejection.get());
    }

    private static void assertJvmRejects(byte[] bytes) {
        var rejection = JvmVerdict.rejection(MethodHandles.lookup(), bytes);
        assertTrue(rejection.isPresent(), "the JVM accepts it");
        assertTrue(rejection.get() instanceof VerifyError || rejection.get() instanceof ClassFormatError,
                rejection.get().toString());
    }
}
