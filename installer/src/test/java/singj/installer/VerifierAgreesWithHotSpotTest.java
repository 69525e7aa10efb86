package singj.installer;

import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassBuilder;
import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Label;
import java.lang.classfile.TypeKind;
import java.lang.classfile.attribute.StackMapFrameInfo;
import java.lang.classfile.attribute.StackMapTableAttribute;
import java.lang.constant.ClassDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks the differential fuzzing of issue 14 found missing: for each, a class file javac never
 * emits that HotSpot 25 refuses to link, which SingJ must refuse too with a message that says why,
 * and its twin that both accept (so the check is no wider than the JVM's). HotSpot's verdict comes
 * from linking the classes in a fresh loader ({@link JvmVerdict}), which may put them in several
 * packages, as the protected-access rules need.
 *
 * <p>Straight-line code needs no StackMapTable, so most classes here are version 52 and HotSpot
 * judges them with its type checker, the verifier every modern class meets; the few with a branch
 * or a handler are version 49 (judged by type inference, as SingJ does) or carry their frame.
 */
class VerifierAgreesWithHotSpotTest {
    private static final ClassFile BUILD = ClassFile.of(ClassFile.StackMapsOption.DROP_STACK_MAPS);
    private static final Set<String> VERIFIER_RULES = Set.of("type-safety", "code-structure", "constant-pool",
            "final-field", "subroutine", "malformed-class");
    private static final int CLASS = ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER;
    private static final int INTERFACE = ClassFile.ACC_PUBLIC | ClassFile.ACC_INTERFACE | ClassFile.ACC_ABSTRACT;
    private static final MethodTypeDesc VOID = MethodTypeDesc.of(CD_void);
    private static final ClassDesc RUNNABLE = ClassDesc.of("java.lang.Runnable");
    private static final ClassDesc CLONEABLE = ClassDesc.of("java.lang.Cloneable");
    private static final ClassDesc SERIALIZABLE = ClassDesc.of("java.io.Serializable");
    private static final ClassDesc THROWABLE = ClassDesc.of("java.lang.Throwable");

    @TempDir
    Path dir;

    // ---- 1. an array is an Object, a Cloneable and a Serializable, and no other interface

    @Test
    void anArrayPassedOrReturnedAsAnInterfaceIsRefused() {
        ClassDesc self = ClassDesc.of("p.ArrayAsInterface");
        byte[] bytes = build(self, 52, CD_Object, CLASS, cb -> {
            cb.withMethodBody("take", MethodTypeDesc.of(CD_void, RUNNABLE), ClassFile.ACC_STATIC, CodeBuilder::return_);
            cb.withMethodBody("pass", VOID, ClassFile.ACC_STATIC, code -> code
                    .iconst_0().newarray(TypeKind.INT).invokestatic(self, "take", MethodTypeDesc.of(CD_void, RUNNABLE)).return_());
            // the element types: int[] is no Runnable, so int[][] is no Runnable[]
            cb.withMethodBody("give", MethodTypeDesc.of(RUNNABLE.arrayType()), ClassFile.ACC_STATIC, code -> code
                    .iconst_0().anewarray(CD_int.arrayType()).areturn());
        });
        Map<String, byte[]> classes = Map.of("p/ArrayAsInterface", bytes);
        List<Violation> violations = singj(classes, "p/ArrayAsInterface");
        assertEquals(List.of("pass()V", "give()[Ljava/lang/Runnable;"), violations.stream().map(Violation::method).toList(),
                violations.toString());
        assertTrue(violations.get(0).message().contains("argument 1 is int[], not a java.lang.Runnable (an array is only an "
                + "Object, a Cloneable and a java.io.Serializable)"), violations.get(0).message());
        assertEquals(3, violations.get(0).offset());
        assertTrue(violations.get(1).message().contains("the returned value is int[][], not a java.lang.Runnable[]"),
                violations.get(1).message());
        assertJvmRejects(classes, "p/ArrayAsInterface");
    }

    @Test
    void anArrayPassedAsCloneableOrSerializableIsAccepted() {
        ClassDesc self = ClassDesc.of("p.ArrayAsCloneable");
        byte[] bytes = build(self, 52, CD_Object, CLASS, cb -> {
            cb.withMethodBody("take", MethodTypeDesc.of(CD_void, CLONEABLE, SERIALIZABLE), ClassFile.ACC_STATIC,
                    CodeBuilder::return_);
            cb.withMethodBody("pass", VOID, ClassFile.ACC_STATIC, code -> code
                    .iconst_0().newarray(TypeKind.INT).iconst_0().anewarray(CD_String)
                    .invokestatic(self, "take", MethodTypeDesc.of(CD_void, CLONEABLE, SERIALIZABLE)).return_());
            // String is a class, so String[] passes as a Runnable[] (the JVM checks each store into it)
            cb.withMethodBody("give", MethodTypeDesc.of(RUNNABLE.arrayType()), ClassFile.ACC_STATIC, code -> code
                    .iconst_0().anewarray(CD_String).areturn());
            cb.withMethodBody("giveCloneables", MethodTypeDesc.of(CLONEABLE.arrayType()), ClassFile.ACC_STATIC, code -> code
                    .iconst_0().anewarray(CD_int.arrayType()).areturn());
        });
        assertAcceptedByBoth(Map.of("p/ArrayAsCloneable", bytes), "p/ArrayAsCloneable");
    }

    // ---- 2. the receiver of invokeinterface

    @Test
    void invokeinterfaceOnAnArrayIsRefused() {
        byte[] bytes = build(ClassDesc.of("p.ArrayReceiver"), 52, CD_Object, CLASS, cb -> cb.withMethodBody("run", VOID,
                ClassFile.ACC_STATIC, code -> code.iconst_1().newarray(TypeKind.INT)
                        .invokeinterface(RUNNABLE, "run", VOID).return_()));
        Map<String, byte[]> classes = Map.of("p/ArrayReceiver", bytes);
        Violation v = onlyViolation(classes, "p/ArrayReceiver");
        assertEquals("run()V", v.method());
        assertEquals(3, v.offset());
        assertTrue(v.message().startsWith("invokeinterface java.lang.Runnable.run()V: the receiver is int[], not a "
                + "java.lang.Runnable (an array is only"), v.message());
        assertJvmRejects(classes, "p/ArrayReceiver");
    }

    @Test
    void invokeinterfaceOnAClassThatDoesNotImplementTheInterfaceIsAcceptedAsByTheJvm() {
        // the JVM's verifier treats an interface as Object for class types and checks the call when it runs
        byte[] bytes = build(ClassDesc.of("p.ClassReceiver"), 52, CD_Object, CLASS, cb -> {
            cb.withMethodBody("string", VOID, ClassFile.ACC_STATIC, code -> code.ldc("not a Runnable")
                    .invokeinterface(RUNNABLE, "run", VOID).return_());
            cb.withMethodBody("object", MethodTypeDesc.of(CD_void, CD_Object), ClassFile.ACC_STATIC, code -> code.aload(0)
                    .invokeinterface(RUNNABLE, "run", VOID).return_());
            cb.withMethodBody("array", MethodTypeDesc.of(CD_int, CD_int.arrayType()), ClassFile.ACC_STATIC, code -> code
                    .aload(0).invokeinterface(CLONEABLE, "hashCode", MethodTypeDesc.of(CD_int)).ireturn());
            cb.withMethodBody("nothing", VOID, ClassFile.ACC_STATIC, code -> code.aconst_null()
                    .invokeinterface(RUNNABLE, "run", VOID).return_());
        });
        assertAcceptedByBoth(Map.of("p/ClassReceiver", bytes), "p/ClassReceiver");
    }

    // ---- 3. putfield on this before super()

    @Test
    void anInheritedOrMissingFieldCannotBeAssignedBeforeSuper() {
        ClassDesc base = ClassDesc.of("p.FieldBase");
        ClassDesc self = ClassDesc.of("p.EarlyWrite");
        byte[] baseBytes = build(base, 52, CD_Object, CLASS, cb -> {
            cb.withField("inherited", CD_int, ClassFile.ACC_PUBLIC);
            constructor(cb, CD_Object);
        });
        for (String field : List.of("inherited", "missing")) {
            byte[] bytes = build(self, 52, base, CLASS, cb -> cb.withMethodBody("<init>", VOID, ClassFile.ACC_PUBLIC,
                    // named through the class itself, as javac names its own fields
                    code -> code.aload(0).iconst_1().putfield(self, field, CD_int)
                            .aload(0).invokespecial(base, "<init>", VOID).return_()));
            Map<String, byte[]> classes = Map.of("p/FieldBase", baseBytes, "p/EarlyWrite", bytes);
            Violation v = onlyViolation(classes, "p/EarlyWrite");
            assertEquals(2, v.offset());
            assertTrue(v.message().contains("assigns p.EarlyWrite." + field + " on uninitialized this: before super() or "
                    + "this() a constructor may assign only fields declared by p.EarlyWrite itself"), v.message());
            assertJvmRejects(classes, "p/EarlyWrite");
        }
    }

    @Test
    void aFieldTheClassDeclaresMayBeAssignedBeforeSuper() {
        ClassDesc self = ClassDesc.of("p.OuterThis");
        byte[] bytes = build(self, 52, CD_Object, CLASS, cb -> {
            cb.withField("this$0", CD_Object, ClassFile.ACC_FINAL | ClassFile.ACC_SYNTHETIC);
            cb.withMethodBody("<init>", MethodTypeDesc.of(CD_void, CD_Object), ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).aload(1).putfield(self, "this$0", CD_Object)
                    .aload(0).invokespecial(CD_Object, "<init>", VOID).return_());
        });
        assertAcceptedByBoth(Map.of("p/OuterThis", bytes), "p/OuterThis");
    }

    // ---- 4 and 5. protected access (JVMS 4.10.1.8)

    /** {@code q.Base}: a protected field, method and no-argument constructor, and a public constructor. */
    private static byte[] protectedBase() {
        return build(ClassDesc.of("q.Base"), 52, CD_Object, CLASS, cb -> {
            cb.withField("secret", CD_int, ClassFile.ACC_PROTECTED);
            cb.withMethodBody("<init>", VOID, ClassFile.ACC_PROTECTED, code -> code
                    .aload(0).invokespecial(CD_Object, "<init>", VOID).return_());
            cb.withMethodBody("<init>", MethodTypeDesc.of(CD_void, CD_int), ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).invokespecial(CD_Object, "<init>", VOID).return_());
            cb.withMethodBody("reveal", VOID, ClassFile.ACC_PROTECTED, CodeBuilder::return_);
        });
    }

    @Test
    void aProtectedConstructorOfAnotherPackageCannotMakeANewObject() {
        ClassDesc base = ClassDesc.of("q.Base");
        byte[] bytes = build(ClassDesc.of("p.Maker"), 52, base, CLASS, cb -> {
            constructor(cb, base); // super() through the protected constructor: allowed
            cb.withMethodBody("make", MethodTypeDesc.of(CD_Object), ClassFile.ACC_STATIC, code -> code
                    .new_(base).dup().invokespecial(base, "<init>", VOID).areturn());
        });
        Map<String, byte[]> classes = Map.of("q/Base", protectedBase(), "p/Maker", bytes);
        Violation v = onlyViolation(classes, "p/Maker");
        assertEquals("make()Ljava/lang/Object;", v.method());
        assertEquals(4, v.offset());
        assertTrue(v.message().contains("protected constructor q.Base.<init>()V of another package called on a new q.Base, "
                + "which is not a p.Maker"), v.message());
        assertJvmRejects(classes, "p/Maker");
    }

    @Test
    void aPublicConstructorOfTheSameSuperclassMakesANewObject() {
        ClassDesc base = ClassDesc.of("q.Base");
        byte[] bytes = build(ClassDesc.of("p.PublicMaker"), 52, base, CLASS, cb -> {
            constructor(cb, base);
            cb.withMethodBody("make", MethodTypeDesc.of(CD_Object), ClassFile.ACC_STATIC, code -> code
                    .new_(base).dup().iconst_0().invokespecial(base, "<init>", MethodTypeDesc.of(CD_void, CD_int)).areturn());
        });
        assertAcceptedByBoth(Map.of("q/Base", protectedBase(), "p/PublicMaker", bytes), "p/PublicMaker");
    }

    @Test
    void aProtectedMemberReachedThroughASuperclassInTheSamePackageIsStillChecked() {
        // p.Reader extends p.Middle extends q.Base: the members are Base's, whatever class the code names
        ClassDesc middle = ClassDesc.of("p.Middle");
        byte[] middleBytes = build(middle, 52, ClassDesc.of("q.Base"), CLASS, cb -> constructor(cb, ClassDesc.of("q.Base")));
        byte[] bytes = build(ClassDesc.of("p.Reader"), 52, middle, CLASS, cb -> {
            constructor(cb, middle);
            cb.withMethodBody("read", MethodTypeDesc.of(CD_int, middle), ClassFile.ACC_STATIC, code -> code
                    .aload(0).getfield(middle, "secret", CD_int).ireturn());
            cb.withMethodBody("call", MethodTypeDesc.of(CD_void, middle), ClassFile.ACC_STATIC, code -> code
                    .aload(0).invokevirtual(middle, "reveal", VOID).return_());
        });
        Map<String, byte[]> classes = Map.of("q/Base", protectedBase(), "p/Middle", middleBytes, "p/Reader", bytes);
        List<Violation> violations = singj(classes, "p/Reader");
        assertEquals(List.of("read(Lp/Middle;)I", "call(Lp/Middle;)V"), violations.stream().map(Violation::method).toList(),
                violations.toString());
        assertTrue(violations.get(0).message().contains("protected member q.Base.secret used on p.Middle, which is not a "
                + "p.Reader"), violations.get(0).message());
        assertTrue(violations.get(1).message().contains("protected member q.Base.reveal used on p.Middle"),
                violations.get(1).message());
        assertJvmRejects(classes, "p/Reader");
    }

    @Test
    void aProtectedMemberUsedOnTheCurrentClassThroughASamePackageSuperclassIsAccepted() {
        ClassDesc middle = ClassDesc.of("p.Middle");
        ClassDesc self = ClassDesc.of("p.OwnReader");
        byte[] middleBytes = build(middle, 52, ClassDesc.of("q.Base"), CLASS, cb -> constructor(cb, ClassDesc.of("q.Base")));
        byte[] bytes = build(self, 52, middle, CLASS, cb -> {
            constructor(cb, middle);
            cb.withMethodBody("read", MethodTypeDesc.of(CD_int, self), ClassFile.ACC_STATIC, code -> code
                    .aload(0).getfield(middle, "secret", CD_int).ireturn());
            cb.withMethodBody("call", VOID, ClassFile.ACC_PUBLIC, code -> code
                    .aload(0).invokevirtual(middle, "reveal", VOID).return_());
        });
        assertAcceptedByBoth(Map.of("q/Base", protectedBase(), "p/Middle", middleBytes, "p/OwnReader", bytes), "p/OwnReader");
    }

    @Test
    void anInterfaceCannotCallObjectsCloneOrFinalizeOnAnObject() {
        byte[] bytes = build(ClassDesc.of("p.Copier"), 52, CD_Object, INTERFACE, cb -> {
            cb.withMethodBody("copy", MethodTypeDesc.of(CD_Object, CD_Object), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                    code -> code.aload(0).invokevirtual(CD_Object, "clone", MethodTypeDesc.of(CD_Object)).areturn());
            cb.withMethodBody("end", MethodTypeDesc.of(CD_void, CD_int.arrayType()), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                    code -> code.aload(0).invokevirtual(CD_Object, "finalize", VOID).return_());
        });
        Map<String, byte[]> classes = Map.of("p/Copier", bytes);
        List<Violation> violations = singj(classes, "p/Copier");
        assertEquals(List.of("copy(Ljava/lang/Object;)Ljava/lang/Object;", "end([I)V"),
                violations.stream().map(Violation::method).toList(), violations.toString());
        assertTrue(violations.get(0).message().contains("protected member java.lang.Object.clone used on java.lang.Object, "
                + "which is not a p.Copier"), violations.get(0).message());
        assertTrue(violations.get(1).message().contains("protected member java.lang.Object.finalize used on int[]"),
                violations.get(1).message());
        assertJvmRejects(classes, "p/Copier");
    }

    @Test
    void anInterfaceMayCloneAnArray() {
        byte[] bytes = build(ClassDesc.of("p.ArrayCopier"), 52, CD_Object, INTERFACE, cb -> cb.withMethodBody("copy",
                MethodTypeDesc.of(CD_Object, CD_int.arrayType()), ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC,
                code -> code.aload(0).invokevirtual(CD_Object, "clone", MethodTypeDesc.of(CD_Object)).areturn()));
        assertAcceptedByBoth(Map.of("p/ArrayCopier", bytes), "p/ArrayCopier");
    }

    // ---- 6. exception handlers around a constructor call

    @Test
    void aHandlerAroundAConstructorCallCannotUseTheObject() {
        // the handler runs the constructor a second time on the object the first call may have half built
        ClassDesc self = ClassDesc.of("p.Twice");
        byte[] bytes = build(self, 49, CD_Object, CLASS, cb -> cb.withMethodBody("make", MethodTypeDesc.of(CD_Object),
                ClassFile.ACC_STATIC, code -> {
                    Label start = code.newLabel();
                    Label end = code.newLabel();
                    Label handler = code.newLabel();
                    code.new_(CD_Object).astore(0)
                            .labelBinding(start).aload(0).invokespecial(CD_Object, "<init>", VOID).labelBinding(end)
                            .aload(0).areturn()
                            .labelBinding(handler).pop().aload(0).invokespecial(CD_Object, "<init>", VOID).aload(0).areturn()
                            .exceptionCatch(start, end, handler, THROWABLE);
                }));
        Map<String, byte[]> classes = Map.of("p/Twice", bytes);
        Violation v = onlyViolation(classes, "p/Twice");
        assertEquals(11, v.offset(), "the handler's aload_0");
        assertTrue(v.message().contains("local 0 is "), v.message());
        assertTrue(v.message().contains("an uninitialized object (new @ 0)") && v.message().contains("java.lang.Object"),
                v.message());
        assertJvmRejects(classes, "p/Twice");
    }

    @Test
    void aHandlerAroundAConstructorCallThatLeavesTheObjectAloneIsAccepted() {
        ClassDesc self = ClassDesc.of("p.OrNull");
        byte[] bytes = build(self, 52, CD_Object, CLASS, cb -> cb.withMethod("make", MethodTypeDesc.of(CD_Object),
                ClassFile.ACC_STATIC, method -> method.withCode(code -> {
                    Label start = code.newLabel();
                    Label end = code.newLabel();
                    Label handler = code.newLabel();
                    code.labelBinding(start).new_(CD_Object).dup().invokespecial(CD_Object, "<init>", VOID).labelBinding(end)
                            .areturn()
                            .labelBinding(handler).pop().aconst_null().areturn()
                            .exceptionCatch(start, end, handler, THROWABLE);
                    code.with(StackMapTableAttribute.of(List.of(StackMapFrameInfo.of(handler, List.of(),
                            List.of(StackMapFrameInfo.ObjectVerificationTypeInfo.of(THROWABLE))))));
                })));
        assertAcceptedByBoth(Map.of("p/OrNull", bytes), "p/OrNull");
    }

    @Test
    void noHandlerMayCoverSuperFromVersion51() {
        ClassDesc self = ClassDesc.of("p.GuardedSuper");
        byte[] bytes = build(self, 52, CD_Object, CLASS, cb -> cb.withMethod("<init>", VOID, ClassFile.ACC_PUBLIC,
                method -> method.withCode(code -> {
                    Label start = code.newLabel();
                    Label end = code.newLabel();
                    Label handler = code.newLabel();
                    code.labelBinding(start).aload(0).invokespecial(CD_Object, "<init>", VOID).labelBinding(end).return_()
                            .labelBinding(handler).athrow()
                            .exceptionCatch(start, end, handler, THROWABLE);
                    // whichever frame the handler gets, HotSpot refuses it; this one is the frame before the call
                    code.with(StackMapTableAttribute.of(List.of(StackMapFrameInfo.of(handler,
                            List.of(StackMapFrameInfo.SimpleVerificationTypeInfo.UNINITIALIZED_THIS),
                            List.of(StackMapFrameInfo.ObjectVerificationTypeInfo.of(THROWABLE))))));
                })));
        Map<String, byte[]> classes = Map.of("p/GuardedSuper", bytes);
        Violation v = onlyViolation(classes, "p/GuardedSuper");
        assertEquals("<init>()V", v.method());
        assertEquals(1, v.offset());
        assertTrue(v.message().contains("super() or this() is inside the range of the exception handler at 5, which class "
                + "file version 51 and later cannot have (p.GuardedSuper is version 52)"), v.message());
        assertJvmRejects(classes, "p/GuardedSuper");
    }

    @Test
    void beforeVersion51AHandlerAroundSuperMayRethrowButNotReturn() {
        for (boolean returns : new boolean[] {false, true}) {
            byte[] bytes = build(ClassDesc.of("p.OldGuardedSuper"), 49, CD_Object, CLASS, cb -> cb.withMethodBody("<init>",
                    VOID, ClassFile.ACC_PUBLIC, code -> {
                        Label start = code.newLabel();
                        Label end = code.newLabel();
                        Label handler = code.newLabel();
                        code.labelBinding(start).aload(0).invokespecial(CD_Object, "<init>", VOID).labelBinding(end).return_()
                                .labelBinding(handler);
                        if (returns) {
                            code.pop().return_(); // would hand out an object whose super() threw
                        } else {
                            code.athrow();
                        }
                        code.exceptionCatch(start, end, handler, THROWABLE);
                    }));
            Map<String, byte[]> classes = Map.of("p/OldGuardedSuper", bytes);
            if (returns) {
                Violation v = onlyViolation(classes, "p/OldGuardedSuper");
                assertEquals(6, v.offset());
                assertTrue(v.message().contains("the constructor returns before calling a super or own constructor"),
                        v.message());
                assertJvmRejects(classes, "p/OldGuardedSuper");
            } else {
                assertAcceptedByBoth(classes, "p/OldGuardedSuper");
            }
        }
    }

    // ---- Clojure's __init pattern: static finals set in a helper that <clinit> calls

    /** A class whose static initialiser calls a helper that sets its static final field, as Clojure's AOT {@code __init} classes do. */
    private static byte[] initThroughHelper(int version) {
        ClassDesc self = ClassDesc.of("p.core__init");
        return build(self, version, CD_Object, CLASS, cb -> {
            cb.withField("const__0", CD_Object, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC | ClassFile.ACC_FINAL);
            cb.withMethodBody("__init0", VOID, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                    .ldc("var").putstatic(self, "const__0", CD_Object).return_());
            cb.withMethodBody("<clinit>", VOID, ClassFile.ACC_STATIC, code -> code
                    .invokestatic(self, "__init0", VOID).return_());
        });
    }

    @Test
    void belowVersion53AStaticFinalMayBeSetByAHelperOfTheStaticInitialiser() {
        Map<String, byte[]> classes = Map.of("p/core__init", initThroughHelper(52));
        assertEquals(List.of(), singj(classes, "p/core__init"));
        assertEquals(Optional.empty(), JvmVerdict.initialization(classes, "p/core__init"), "the JVM runs it");
    }

    @Test
    void fromVersion53AStaticFinalIsSetOnlyByTheStaticInitialiser() {
        Map<String, byte[]> classes = Map.of("p/core__init", initThroughHelper(53));
        Violation v = onlyViolation(classes, "p/core__init");
        assertEquals("final-field", v.rule());
        assertEquals("__init0()V", v.method());
        assertTrue(v.message().contains("writes final field p.core__init.const__0 outside the static initialiser"), v.message());
        // the JVM links it and refuses the write when it runs
        assertEquals(Optional.empty(), JvmVerdict.rejection(classes, "p/core__init"));
        Optional<Throwable> run = JvmVerdict.initialization(classes, "p/core__init");
        assertInstanceOf(IllegalAccessError.class, run.orElseThrow());
        assertTrue(run.get().getMessage().contains("attempted from a different method (__init0)"), run.get().getMessage());
    }

    // ---- where HotSpot is less strict than it looks: SingJ accepts what it loads

    @Test
    void aClassInitialiserFlaggedAbstractOrNativeStillRunsItsCode() {
        // the JVM ignores <clinit>'s flags but static (below version 51, all of them)
        for (int version : new int[] {49, 52}) {
            for (int flag : new int[] {ClassFile.ACC_ABSTRACT, ClassFile.ACC_NATIVE}) {
                ClassDesc self = ClassDesc.of("p.FlaggedInit");
                byte[] bytes = build(self, version, CD_Object, CLASS, cb -> {
                    cb.withField("ran", CD_int, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC);
                    cb.withMethodBody("<clinit>", VOID, ClassFile.ACC_STATIC | flag, code -> code
                            .iconst_1().putstatic(self, "ran", CD_int).return_());
                });
                Map<String, byte[]> classes = Map.of("p/FlaggedInit", bytes);
                assertAcceptedByBoth(classes, "p/FlaggedInit");
                assertEquals(Optional.empty(), JvmVerdict.initialization(classes, "p/FlaggedInit"), "its code runs");
            }
        }
    }

    @Test
    void anInterfaceWithoutAbstractIsAbstractBelowVersion50() {
        int flags = ClassFile.ACC_PUBLIC | ClassFile.ACC_INTERFACE;
        assertAcceptedByBoth(Map.of("p/Old", build(ClassDesc.of("p.Old"), 49, CD_Object, flags, cb -> { })), "p/Old");
        Map<String, byte[]> modern = Map.of("p/New", build(ClassDesc.of("p.New"), 50, CD_Object, flags, cb -> { }));
        Violation v = onlyViolation(modern, "p/New");
        assertTrue(v.message().contains("illegal class access flags 0x201"), v.message());
        assertInstanceOf(ClassFormatError.class, JvmVerdict.rejection(modern, "p/New").orElseThrow());
    }

    @Test
    void deadCodeThatWouldFallOffTheEndIsAnErrorOnlyWhereHotSpotTypeChecksDeadCode() {
        // below version 51 HotSpot infers types along the paths that run (at 50, once the frames fail)
        Consumer<ClassBuilder> deadPop = cb -> cb.withMethodBody("run", VOID, ClassFile.ACC_STATIC, code -> code
                .return_().iconst_0().pop());
        assertAcceptedByBoth(Map.of("p/DeadEnd", build(ClassDesc.of("p.DeadEnd"), 49, CD_Object, CLASS, deadPop)), "p/DeadEnd");
        // from 51 every instruction is checked against the frames: the dead code needs one, and falls off the end
        Map<String, byte[]> typeChecked = Map.of("p/DeadEnd", build(ClassDesc.of("p.DeadEnd"), 52, CD_Object, CLASS, deadPop));
        Violation v = onlyViolation(typeChecked, "p/DeadEnd");
        assertEquals("code-structure", v.rule());
        assertEquals(2, v.offset()); // the pop after return (0) and iconst_0 (1)
        assertTrue(v.message().contains("execution falls off the end of the code"), v.message());
        assertJvmRejects(typeChecked, "p/DeadEnd");
        // and a path that runs off the end is an error at every version
        Map<String, byte[]> live = Map.of("p/LiveEnd", build(ClassDesc.of("p.LiveEnd"), 49, CD_Object, CLASS, cb -> cb
                .withMethodBody("run", VOID, ClassFile.ACC_STATIC, code -> code.iconst_0().pop())));
        Violation end = onlyViolation(live, "p/LiveEnd");
        assertEquals(1, end.offset());
        assertTrue(end.message().contains("execution falls off the end of the code"), end.message());
        assertJvmRejects(live, "p/LiveEnd");
    }

    // ---- helpers

    private static void constructor(ClassBuilder cb, ClassDesc superclass) {
        cb.withMethodBody("<init>", VOID, ClassFile.ACC_PUBLIC, code -> code
                .aload(0).invokespecial(superclass, "<init>", VOID).return_());
    }

    private static byte[] build(ClassDesc name, int version, ClassDesc superclass, int flags, Consumer<ClassBuilder> body) {
        return BUILD.build(name, cb -> {
            cb.withVersion(version, 0);
            cb.withFlags(flags);
            cb.withSuperclass(superclass);
            body.accept(cb);
        });
    }

    /** The violations of the verifier's rules SingJ finds in class {@code name} of {@code classes}. */
    private List<Violation> singj(Map<String, byte[]> classes, String name) {
        ProgramJar jar = TestJars.jar(dir, name, classes);
        String binaryName = name.replace('/', '.');
        return Installer.standard().verify(jar).violations().stream()
                .filter(v -> VERIFIER_RULES.contains(v.rule()) && binaryName.equals(v.className())).toList();
    }

    private Violation onlyViolation(Map<String, byte[]> classes, String name) {
        List<Violation> violations = singj(classes, name);
        assertEquals(1, violations.size(), violations.toString());
        return violations.getFirst();
    }

    private void assertAcceptedByBoth(Map<String, byte[]> classes, String name) {
        ProgramJar jar = TestJars.jar(dir, name, classes);
        List<Violation> all = Installer.standard().verify(jar).violations().stream()
                .filter(v -> VERIFIER_RULES.contains(v.rule())).toList();
        assertEquals(List.of(), all);
        assertEquals(Optional.empty(), JvmVerdict.rejection(classes, name).map(Throwable::toString));
    }

    private static void assertJvmRejects(Map<String, byte[]> classes, String name) {
        Throwable rejection = JvmVerdict.rejection(classes, name).orElseThrow(() -> new AssertionError("the JVM accepts " + name));
        assertInstanceOf(VerifyError.class, rejection, rejection.toString());
    }
}
