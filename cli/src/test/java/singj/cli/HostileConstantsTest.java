package singj.cli;

import static java.lang.constant.ConstantDescs.BSM_INVOKE;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.lang.classfile.ClassFile;
import java.lang.classfile.CodeBuilder;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DirectMethodHandleDesc.Kind;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.HostileProgramsTest.Expectation;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;

/**
 * Handles to JVM-wide operations nested inside an {@code invokedynamic}'s constants, where javac
 * never puts them: under {@code java} each really exits, halts or changes the whole JVM (the
 * attack is real), and {@code singj verify} and {@code singj run} refuse it with the rule and the
 * place before any of it runs. {@code singj} runs in this test's own JVM, so the test judges from
 * outside: had the program run, this JVM would be gone, or its property set.
 */
class HostileConstantsTest {
    private static final Duration JAVA_TIMEOUT = Duration.ofSeconds(30);
    private static final MethodTypeDesc MAIN = MethodTypeDesc.of(CD_void, CD_String.arrayType());
    private static final ClassDesc SYSTEM = ClassDesc.of("java.lang.System");
    private static final ClassDesc RUNTIME = ClassDesc.of("java.lang.Runtime");
    private static final ClassDesc PROPERTIES = ClassDesc.of("java.util.Properties");
    private static final ClassDesc PRINT_STREAM = ClassDesc.of("java.io.PrintStream");
    private static final ClassDesc CLASS_DESC = ClassDesc.of("java.lang.constant.ClassDesc");
    private static final ClassDesc ENUM_DESC = ClassDesc.of("java.lang.Enum$EnumDesc");
    private static final DirectMethodHandleDesc TYPE_SWITCH = MethodHandleDesc.ofMethod(Kind.STATIC,
            ClassDesc.of("java.lang.runtime.SwitchBootstraps"), "typeSwitch", MethodTypeDesc.ofDescriptor(
                    "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                            + "[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;"));
    private static final String PROPERTY = "singj.test.nested-constants";

    @TempDir
    Path work;

    @Test
    void exitNestedInASwitchLabelIsRefusedAndTheJvmStaysUp() {
        DirectMethodHandleDesc exit = MethodHandleDesc.ofMethod(Kind.STATIC, SYSTEM, "exit", MethodTypeDesc.of(CD_void, CD_int));
        Path jar = program("NestedExit", code -> typeSwitch(code, invoke(exit, 7)));

        var java = ProcessRunner.javaJar(jar, List.of(), "", JAVA_TIMEOUT);
        assertEquals(7, java.exitCode(), "under java the label's constant exits the whole JVM: " + java.err());
        assertEquals("before the switch\n", java.out());

        HostileProgramsTest.assertRejected(jar, "NestedExit",
                List.of(new Expectation("invokedynamic", "java.lang.System.exit(I)V", true)));
        var hello = ProcessRunner.singj("", "run", ProgramCompiler.compileResource("corpus/ordinary/HelloWorld.java", work)
                .toString(), "after");
        assertEquals("Hello, after!\n", hello.out(), "this JVM, which ran singj, is still up: " + hello.err());
    }

    @Test
    void haltThreeConstantsDeepIsRefused() {
        DirectMethodHandleDesc getRuntime = MethodHandleDesc.ofMethod(Kind.STATIC, RUNTIME, "getRuntime",
                MethodTypeDesc.of(RUNTIME));
        DirectMethodHandleDesc halt = MethodHandleDesc.ofMethod(Kind.VIRTUAL, RUNTIME, "halt", MethodTypeDesc.of(CD_void, CD_int));
        DirectMethodHandleDesc classDescOf = MethodHandleDesc.ofMethod(Kind.INTERFACE_STATIC, CLASS_DESC, "of",
                MethodTypeDesc.of(CLASS_DESC, CD_String));
        DirectMethodHandleDesc enumDescOf = MethodHandleDesc.ofMethod(Kind.STATIC, ENUM_DESC, "of",
                MethodTypeDesc.of(ENUM_DESC, CLASS_DESC, CD_String));
        // the shape of javac's enum labels, EnumDesc.of(ClassDesc.of(name), constant), with a halt for the name
        var label = invoke(enumDescOf, invoke(classDescOf, invoke(halt, invoke(getRuntime), 9)), "RED");
        Path jar = program("NestedHalt", code -> typeSwitch(code, label));

        var java = ProcessRunner.javaJar(jar, List.of(), "", JAVA_TIMEOUT);
        assertEquals(9, java.exitCode(), "under java the innermost constant halts the whole JVM: " + java.err());

        HostileProgramsTest.assertRejected(jar, "NestedHalt", List.of(new Expectation("invokedynamic",
                "argument 0 of ClassDesc.of in argument 0 of Enum$EnumDesc.of in argument 0 of SwitchBootstraps.typeSwitch: "
                        + "a dynamic constant from java.lang.invoke.ConstantBootstraps.invoke of a REF_invokeVirtual handle "
                        + "to java.lang.Runtime.halt(I)V", true)));
    }

    @Test
    void aPropertySetOnTheJvmsOwnPropertiesIsRefusedAndTheHostsPropertiesStayAsTheyWere() {
        // System.getProperties() is redirected where it is called; nested, it would hand over the JVM's own
        DirectMethodHandleDesc getProperties = MethodHandleDesc.ofMethod(Kind.STATIC, SYSTEM, "getProperties",
                MethodTypeDesc.of(PROPERTIES));
        DirectMethodHandleDesc setProperty = MethodHandleDesc.ofMethod(Kind.VIRTUAL, PROPERTIES, "setProperty",
                MethodTypeDesc.of(CD_Object, CD_String, CD_String));
        var set = invoke(setProperty, invoke(getProperties), PROPERTY, "pwned");
        // the switch fails to link (a label is null), but only after its labels ran; then main prints the property
        Path jar = program("NestedSetProperty", code -> code
                .trying(block -> typeSwitch(block, set), catches -> catches.catchingAll(CodeBuilder::pop))
                .getstatic(SYSTEM, "out", PRINT_STREAM).ldc(PROPERTY)
                .invokestatic(SYSTEM, "getProperty", MethodTypeDesc.of(CD_String, CD_String))
                .invokevirtual(PRINT_STREAM, "println", MethodTypeDesc.of(CD_void, CD_String)));

        var java = ProcessRunner.javaJar(jar, List.of(), "", JAVA_TIMEOUT);
        assertEquals("before the switch\npwned\n", java.out(), "under java the JVM's own property is set: " + java.err());

        HostileProgramsTest.assertRejected(jar, "NestedSetProperty", List.of(new Expectation("invokedynamic",
                "argument 0 of SwitchBootstraps.typeSwitch: a dynamic constant from java.lang.invoke.ConstantBootstraps.invoke "
                        + "of a REF_invokeVirtual handle to java.util.Properties.setProperty", true)));
        assertNull(System.getProperty(PROPERTY), "the property of this JVM, which ran singj, was never set");
    }

    /** {@code ConstantBootstraps.invoke(target, arguments...)}, the bootstrap javac uses for its switch labels. */
    private static DynamicConstantDesc<Object> invoke(DirectMethodHandleDesc target, ConstantDesc... arguments) {
        ConstantDesc[] all = new ConstantDesc[arguments.length + 1];
        all[0] = target;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return DynamicConstantDesc.ofNamed(BSM_INVOKE, "invoke", CD_Object, all);
    }

    /** A type switch on the argument array with {@code labels}, its result dropped. */
    private static void typeSwitch(CodeBuilder code, ConstantDesc... labels) {
        var site = DynamicCallSiteDesc.of(TYPE_SWITCH, "typeSwitch", MethodTypeDesc.of(CD_int, CD_Object, CD_int), labels);
        code.aload(0).iconst_0().invokedynamic(site).pop();
    }

    /** A jar whose main prints a line, then runs {@code body}. */
    private Path program(String name, Consumer<CodeBuilder> body) {
        byte[] bytes = ClassFile.of().build(ClassDesc.of(name), cls -> cls
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER)
                .withMethodBody("main", MAIN, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    code.getstatic(SYSTEM, "out", PRINT_STREAM).ldc("before the switch")
                            .invokevirtual(PRINT_STREAM, "println", MethodTypeDesc.of(CD_void, CD_String));
                    body.accept(code);
                    code.return_();
                }));
        return ProgramCompiler.jar(name, Map.of(name, bytes), work.resolve(name + ".jar"));
    }
}
