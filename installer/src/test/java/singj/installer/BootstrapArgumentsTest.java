package singj.installer;

import static java.lang.constant.ConstantDescs.BSM_INVOKE;
import static java.lang.constant.ConstantDescs.CD_Object;
import static java.lang.constant.ConstantDescs.CD_String;
import static java.lang.constant.ConstantDescs.CD_int;
import static java.lang.constant.ConstantDescs.CD_void;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.CodeBuilder;
import java.lang.classfile.Instruction;
import java.lang.classfile.Opcode;
import java.lang.classfile.constantpool.ConstantDynamicEntry;
import java.lang.classfile.constantpool.PoolEntry;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DirectMethodHandleDesc.Kind;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.DynamicConstantDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.invoke.LambdaMetafactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every constant an {@code invokedynamic} or {@code ldc} names is checked, at any depth, against
 * what javac emits: class files built with java.lang.classfile that nest a handle to a JVM-wide
 * operation inside a bootstrap argument (javac never does), each refused with its rule at the
 * offset of the instruction that would resolve it; and what javac does emit still passes.
 */
class BootstrapArgumentsTest {
    private static final MethodTypeDesc MAIN = MethodTypeDesc.of(CD_void, CD_String.arrayType());
    private static final ClassDesc SYSTEM = ClassDesc.of("java.lang.System");
    private static final ClassDesc RUNTIME = ClassDesc.of("java.lang.Runtime");
    private static final ClassDesc PROPERTIES = ClassDesc.of("java.util.Properties");
    private static final ClassDesc PRINT_STREAM = ClassDesc.of("java.io.PrintStream");
    private static final ClassDesc ENUM_DESC = ClassDesc.of("java.lang.Enum$EnumDesc");
    private static final ClassDesc CLASS_DESC = ClassDesc.of("java.lang.constant.ClassDesc");
    private static final DirectMethodHandleDesc EXIT = MethodHandleDesc.ofMethod(Kind.STATIC, SYSTEM, "exit",
            MethodTypeDesc.of(CD_void, CD_int));
    private static final DirectMethodHandleDesc TYPE_SWITCH = bootstrap("java.lang.runtime.SwitchBootstraps",
            "typeSwitch", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                    + "[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;");
    private static final DirectMethodHandleDesc CONCAT = bootstrap("java.lang.invoke.StringConcatFactory",
            "makeConcatWithConstants", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;"
                    + "Ljava/lang/invoke/MethodType;Ljava/lang/String;[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;");
    private static final DirectMethodHandleDesc METAFACTORY = bootstrap("java.lang.invoke.LambdaMetafactory",
            "metafactory", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                    + "Ljava/lang/invoke/MethodType;Ljava/lang/invoke/MethodHandle;Ljava/lang/invoke/MethodType;)"
                    + "Ljava/lang/invoke/CallSite;");
    private static final DirectMethodHandleDesc ALT_METAFACTORY = bootstrap("java.lang.invoke.LambdaMetafactory",
            "altMetafactory", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/MethodType;"
                    + "[Ljava/lang/Object;)Ljava/lang/invoke/CallSite;");
    private static final DirectMethodHandleDesc OBJECT_METHODS = bootstrap("java.lang.runtime.ObjectMethods",
            "bootstrap", "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/invoke/TypeDescriptor;"
                    + "Ljava/lang/Class;Ljava/lang/String;[Ljava/lang/invoke/MethodHandle;)Ljava/lang/Object;");
    private static final DirectMethodHandleDesc CLASS_DESC_OF = MethodHandleDesc.ofMethod(Kind.INTERFACE_STATIC,
            CLASS_DESC, "of", MethodTypeDesc.of(CLASS_DESC, CD_String));
    private static final DirectMethodHandleDesc ENUM_DESC_OF = MethodHandleDesc.ofMethod(Kind.STATIC, ENUM_DESC, "of",
            MethodTypeDesc.of(ENUM_DESC, CLASS_DESC, CD_String));

    @TempDir
    Path dir;

    // ---- a handle to a JVM-wide operation, nested inside a constant

    @Test
    void exitInvokedAsASwitchLabel() {
        Violation v = onlyViolation(typeSwitch(invoke(EXIT, 7)), Opcode.INVOKEDYNAMIC);
        assertEquals("invokedynamic", v.rule());
        assertMessage(v, "argument 0 of SwitchBootstraps.typeSwitch: a dynamic constant from "
                + "java.lang.invoke.ConstantBootstraps.invoke of a REF_invokeStatic handle to java.lang.System.exit(I)V; "
                + "javac puts only a string or number or a class or an EnumDesc.of constant there");
    }

    @Test
    void propertyReadTwoLevelsDown() {
        DirectMethodHandleDesc getProperty = MethodHandleDesc.ofMethod(Kind.STATIC, SYSTEM, "getProperty",
                MethodTypeDesc.of(CD_String, CD_String));
        Violation v = onlyViolation(typeSwitch(invoke(ENUM_DESC_OF, invoke(getProperty, "user.home"), "X")),
                Opcode.INVOKEDYNAMIC);
        assertEquals("invokedynamic", v.rule());
        assertMessage(v, "argument 0 of Enum$EnumDesc.of in argument 0 of SwitchBootstraps.typeSwitch: ");
        assertMessage(v, "java.lang.System.getProperty(Ljava/lang/String;)Ljava/lang/String;; javac puts only a "
                + "ClassDesc.of constant there");
    }

    @Test
    void propertyWrittenThroughTheJvmsOwnProperties() {
        // System.getProperties() is redirected where it is called; nested, it would hand over the JVM's own
        DirectMethodHandleDesc getProperties = MethodHandleDesc.ofMethod(Kind.STATIC, SYSTEM, "getProperties",
                MethodTypeDesc.of(PROPERTIES));
        DirectMethodHandleDesc setProperty = MethodHandleDesc.ofMethod(Kind.VIRTUAL, PROPERTIES, "setProperty",
                MethodTypeDesc.of(CD_Object, CD_String, CD_String));
        var site = DynamicCallSiteDesc.of(CONCAT, "concat", MethodTypeDesc.of(CD_String), "\u0002",
                invoke(setProperty, invoke(getProperties), "singj.pwned", "yes"));
        Violation v = onlyViolation(main(code -> code.invokedynamic(site).pop()), Opcode.INVOKEDYNAMIC);
        assertEquals("invokedynamic", v.rule());
        assertMessage(v, "argument 1 of StringConcatFactory.makeConcatWithConstants: a dynamic constant from "
                + "java.lang.invoke.ConstantBootstraps.invoke of a REF_invokeVirtual handle to java.util.Properties.setProperty");
    }

    @Test
    void haltThreeLevelsDown() {
        DirectMethodHandleDesc getRuntime = MethodHandleDesc.ofMethod(Kind.STATIC, RUNTIME, "getRuntime",
                MethodTypeDesc.of(RUNTIME));
        DirectMethodHandleDesc halt = MethodHandleDesc.ofMethod(Kind.VIRTUAL, RUNTIME, "halt",
                MethodTypeDesc.of(CD_void, CD_int));
        var label = invoke(ENUM_DESC_OF, invoke(CLASS_DESC_OF, invoke(halt, invoke(getRuntime), 9)), "X");
        Violation v = onlyViolation(typeSwitch(label), Opcode.INVOKEDYNAMIC);
        assertEquals("invokedynamic", v.rule());
        assertMessage(v, "argument 0 of ClassDesc.of in argument 0 of Enum$EnumDesc.of in argument 0 of "
                + "SwitchBootstraps.typeSwitch: a dynamic constant from java.lang.invoke.ConstantBootstraps.invoke of a "
                + "REF_invokeVirtual handle to java.lang.Runtime.halt(I)V; javac puts only a string there");
    }

    @Test
    void staticGetterOfSystemOutAsALambdaBody() {
        // the sealer redirects System.out where it is read; a getter handle would give the JVM's own stream
        DirectMethodHandleDesc out = MethodHandleDesc.ofField(Kind.STATIC_GETTER, SYSTEM, "out", PRINT_STREAM);
        var site = DynamicCallSiteDesc.of(METAFACTORY, "get", MethodTypeDesc.of(ClassDesc.of("java.util.function.Supplier")),
                MethodTypeDesc.of(CD_Object), out, MethodTypeDesc.of(PRINT_STREAM));
        Violation v = onlyViolation(main(code -> code.invokedynamic(site).pop()), Opcode.INVOKEDYNAMIC);
        assertEquals("invokedynamic", v.rule());
        assertMessage(v, "argument 1 of LambdaMetafactory.metafactory: a REF_getStatic handle to java.lang.System.out; "
                + "javac puts only a method reference there");
    }

    @Test
    void handlesThatWouldPassARedirectedMemberUnredirected() {
        // kinds the sealer does not rewrite: a record's getter, a non-virtual call of a JDK method
        ClassDesc self = ClassDesc.of("singj.installer.Sneaky");
        DirectMethodHandleDesc out = MethodHandleDesc.ofField(Kind.GETTER, SYSTEM, "out", PRINT_STREAM);
        var toString = DynamicCallSiteDesc.of(OBJECT_METHODS, "toString", MethodTypeDesc.of(CD_String, self),
                self, "out", out);
        DirectMethodHandleDesc printStackTrace = MethodHandleDesc.ofMethod(Kind.SPECIAL,
                ClassDesc.of("java.lang.Throwable"), "printStackTrace", MethodTypeDesc.of(CD_void));
        ClassDesc consumer = ClassDesc.of("java.util.function.Consumer");
        var print = DynamicCallSiteDesc.of(METAFACTORY, "accept", MethodTypeDesc.of(consumer),
                MethodTypeDesc.of(CD_void, CD_Object), printStackTrace, MethodTypeDesc.of(CD_void, ClassDesc.of("java.lang.Throwable")));
        List<Violation> violations = violations("Sneaky", program("Sneaky", code -> code
                .aconst_null().checkcast(self).invokedynamic(toString).pop()
                .invokedynamic(print).pop()));
        assertEquals(List.of("method-handles", "method-handles"), violations.stream().map(Violation::rule).toList(),
                violations.toString());
        assertTrue(violations.get(0).message().startsWith("java.lang.System.out: a GETTER handle would reach "
                + "the JVM's own, not the SIP's"), violations.get(0).message());
        assertTrue(violations.get(1).message().startsWith("java.lang.Throwable.printStackTrace: a SPECIAL handle"),
                violations.get(1).message());
    }

    @Test
    void unlistedConstantBootstraps() {
        // getStaticFinal(System.class) named "out" would be the JVM's own System.out
        var out = DynamicConstantDesc.ofNamed(ConstantDescs.BSM_GET_STATIC_FINAL, "out", PRINT_STREAM, SYSTEM);
        Violation v = onlyViolation(typeSwitch(out), Opcode.INVOKEDYNAMIC);
        assertEquals("invokedynamic", v.rule());
        assertMessage(v, "a dynamic constant from java.lang.invoke.ConstantBootstraps.getStaticFinal of the class "
                + "java.lang.System");
        // the program's own bootstrap would run any code it likes, unchecked by anyone
        var own = DynamicConstantDesc.ofNamed(MethodHandleDesc.ofMethod(Kind.STATIC, ClassDesc.of("singj.installer.Main"),
                "bootstrap", MethodTypeDesc.ofDescriptor(
                        "(Ljava/lang/invoke/MethodHandles$Lookup;Ljava/lang/String;Ljava/lang/Class;)Ljava/lang/Object;")),
                "x", CD_Object);
        v = onlyViolation(typeSwitch(own), Opcode.INVOKEDYNAMIC);
        assertMessage(v, "a dynamic constant from singj.installer.Main.bootstrap");
    }

    @Test
    void aHandleOrConstantAmongAltMetafactorysExtraArguments() {
        // flags FLAG_MARKERS, one marker: javac puts a class there, never a handle or a dynamic constant
        for (ConstantDesc extra : List.<ConstantDesc>of(EXIT, invoke(EXIT, 3))) {
            var site = DynamicCallSiteDesc.of(ALT_METAFACTORY, "run", MethodTypeDesc.of(ClassDesc.of("java.lang.Runnable")),
                    MethodTypeDesc.of(CD_void), MethodHandleDesc.ofMethod(Kind.STATIC, ClassDesc.of("singj.installer.Main"),
                            "main", MAIN), MethodTypeDesc.of(CD_void), LambdaMetafactory.FLAG_MARKERS, 1, extra);
            Violation v = onlyViolation(main(code -> code.invokedynamic(site).pop()), Opcode.INVOKEDYNAMIC);
            assertEquals("invokedynamic", v.rule());
            assertMessage(v, "argument 5 of LambdaMetafactory.altMetafactory: ");
            assertMessage(v, "java.lang.System.exit(I)V; javac puts only a string or number or a class or a method type there");
        }
    }

    @Test
    void ldcOfADynamicConstant() {
        Violation v = onlyViolation(main(code -> code.ldc(invoke(EXIT, 3)).pop()), Opcode.LDC);
        assertEquals("invokedynamic", v.rule());
        assertMessage(v, "a dynamic constant from java.lang.invoke.ConstantBootstraps.invoke of a REF_invokeStatic handle "
                + "to java.lang.System.exit(I)V: dynamic constants are not allowed in ldc");
        // even one of the harmless shapes javac puts in switch labels: javac never loads one itself
        v = onlyViolation(main(code -> code.ldc(invoke(CLASS_DESC_OF, "singj.installer.Main")).pop()), Opcode.LDC);
        assertEquals("invokedynamic", v.rule());
    }

    @Test
    void aDynamicConstantThatIsItsOwnArgumentIsRefusedWithoutLoopingForever() {
        // built as x = ClassDesc.of("X") and y = EnumDesc.of(x, "Y"); then x takes y's bootstrap: x = EnumDesc.of(x, "Y")
        var x = DynamicConstantDesc.ofNamed(BSM_INVOKE, "x", CLASS_DESC, CLASS_DESC_OF, "X");
        var y = DynamicConstantDesc.ofNamed(BSM_INVOKE, "y", ENUM_DESC, ENUM_DESC_OF, x, "Y");
        byte[] built = typeSwitch(x, y);
        ClassModel model = ClassFile.of().parse(built);
        ConstantDynamicEntry first = dynamic(model, "x");
        ConstantDynamicEntry second = dynamic(model, "y");
        byte[] cyclic = patch(built, condy(first.bootstrapMethodIndex(), first.nameAndType().index()),
                condy(second.bootstrapMethodIndex(), first.nameAndType().index()));
        List<Violation> violations = violations("Main", cyclic);
        assertEquals(List.of("invokedynamic", "invokedynamic"), violations.stream().map(Violation::rule).toList(),
                violations.toString());
        assertMessage(violations.getFirst(), "argument 0 of SwitchBootstraps.typeSwitch: ");
        assertMessage(violations.getLast(), "argument 0 of Enum$EnumDesc.of in argument 1 of SwitchBootstraps.typeSwitch: "
                + "a dynamic constant from java.lang.invoke.ConstantBootstraps.invoke of a REF_invokeStatic handle to "
                + "java.lang.Enum$EnumDesc.of");
    }

    @Test
    void anEnumLabelIsAReadOfItsConstantAndTheAllowlistJudgesIt() {
        // javac's shape, but the enum is one a SIP may not use: the label would initialise and read it
        var label = invoke(ENUM_DESC_OF, invoke(CLASS_DESC_OF, "java.lang.management.MemoryType"), "HEAP");
        Violation v = onlyViolation(typeSwitch(label), Opcode.INVOKEDYNAMIC);
        assertEquals("management", v.rule());
        assertMessage(v, "java.lang.management.MemoryType.HEAP: ");
        // a JDK enum the allowlist allows passes, as case TimeUnit.SECONDS does
        var allowed = invoke(ENUM_DESC_OF, invoke(CLASS_DESC_OF, "java.util.concurrent.TimeUnit"), "SECONDS");
        assertEquals(List.of(), violations("Main", typeSwitch(allowed)));
    }

    @Test
    void aCyclicConstantInAMethodThatNeverRunsIsDroppedAndSealingFinishes() {
        var x = DynamicConstantDesc.ofNamed(BSM_INVOKE, "x", CLASS_DESC, CLASS_DESC_OF, "X");
        var y = DynamicConstantDesc.ofNamed(BSM_INVOKE, "y", ENUM_DESC, ENUM_DESC_OF, x, "Y");
        var site = DynamicCallSiteDesc.of(TYPE_SWITCH, "typeSwitch", MethodTypeDesc.of(CD_int, CD_Object, CD_int), x, y);
        byte[] built = ClassFile.of().build(ClassDesc.of("singj.installer.Main"), cls -> cls
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER)
                .withMethodBody("main", MAIN, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, CodeBuilder::return_)
                .withMethodBody("never", MAIN, ClassFile.ACC_PRIVATE | ClassFile.ACC_STATIC, code -> code
                        .aload(0).iconst_0().invokedynamic(site).pop().return_()));
        ClassModel model = ClassFile.of().parse(built);
        ConstantDynamicEntry first = dynamic(model, "x");
        ConstantDynamicEntry second = dynamic(model, "y");
        byte[] cyclic = patch(built, condy(first.bootstrapMethodIndex(), first.nameAndType().index()),
                condy(second.bootstrapMethodIndex(), first.nameAndType().index()));
        ProgramJar jar = TestJars.jar(dir, "singj/installer/Main", Map.of("singj/installer/Main", cyclic));
        var sealed = Installer.standard().seal(jar, "cyclic", 0);
        assertTrue(sealed.classes().containsKey("singj.installer.Main"), sealed.classes().keySet().toString());
    }

    // ---- what javac emits still passes

    @Test
    void whatJavacEmitsForOrdinaryCodePasses() {
        Map<String, byte[]> classes = compile("Ordinary", """
                import java.util.function.*;
                public class Ordinary {
                    enum Color { RED, GREEN }
                    sealed interface Shape permits Circle, Kind {}
                    record Circle(double r) implements Shape {}
                    enum Kind implements Shape { SQUARE, TRIANGLE }
                    interface Task extends Runnable, java.io.Serializable {}
                    static String name(Shape shape) {
                        return switch (shape) {
                            case Kind.SQUARE -> "square";
                            case Kind.TRIANGLE -> "triangle";
                            case Circle(double r) when r > 1 -> "big circle";
                            case Circle c -> "circle";
                        };
                    }
                    static int color(Object o) {
                        return switch (o) {
                            case Color.RED -> 1;
                            case Color c -> 2;
                            case String s when s.isEmpty() -> 3;
                            case Integer i -> i;
                            default -> 0;
                        };
                    }
                    static int word(String s) {
                        return switch (s) { case "one" -> 1; case "two" -> 2; default -> 0; };
                    }
                    static int plain(Color c) {
                        return switch (c) { case RED -> 1; case Color x when x.ordinal() > 0 -> 2; default -> 3; };
                    }
                    public static void main(String[] args) {
                        IntConsumer exit = System::exit;
                        Function<String, String> property = System::getProperty;
                        Supplier<Runnable> task = () -> (Task & Runnable) () -> System.out.println("run");
                        System.out.println(name(Kind.SQUARE) + color(Color.RED) + word("one") + plain(Color.GREEN)
                                + property.apply("line.separator").length() + task.get());
                        exit.accept(0);
                    }
                }
                """);
        List<Violation> violations = Installer.standard().verify(TestJars.jar(dir, "Ordinary", classes)).violations();
        assertEquals(List.of(), violations);
    }

    // ---- helpers

    private static DirectMethodHandleDesc bootstrap(String owner, String name, String descriptor) {
        return MethodHandleDesc.ofMethod(Kind.STATIC, ClassDesc.of(owner), name, MethodTypeDesc.ofDescriptor(descriptor));
    }

    /** {@code ConstantBootstraps.invoke(target, arguments...)}, the way javac writes its switch labels. */
    private static DynamicConstantDesc<Object> invoke(DirectMethodHandleDesc target, ConstantDesc... arguments) {
        ConstantDesc[] all = new ConstantDesc[arguments.length + 1];
        all[0] = target;
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return DynamicConstantDesc.ofNamed(BSM_INVOKE, "invoke", CD_Object, all);
    }

    /** A main that switches on its argument array over {@code labels}. */
    private static byte[] typeSwitch(ConstantDesc... labels) {
        var site = DynamicCallSiteDesc.of(TYPE_SWITCH, "typeSwitch", MethodTypeDesc.of(CD_int, CD_Object, CD_int), labels);
        return main(code -> code.aload(0).iconst_0().invokedynamic(site).pop());
    }

    private static byte[] main(Consumer<CodeBuilder> body) {
        return program("Main", body);
    }

    /** A class {@code singj.installer.simpleName} whose main runs {@code body}. */
    private static byte[] program(String simpleName, Consumer<CodeBuilder> body) {
        return ClassFile.of().build(ClassDesc.of("singj.installer." + simpleName), cls -> cls
                .withFlags(ClassFile.ACC_PUBLIC | ClassFile.ACC_SUPER)
                .withMethodBody("main", MAIN, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> {
                    body.accept(code);
                    code.return_();
                }));
    }

    private List<Violation> violations(String simpleName, byte[] bytes) {
        String name = "singj/installer/" + simpleName;
        return Installer.standard().verify(TestJars.jar(dir, name, Map.of(name, bytes))).violations();
    }

    /** The one violation of {@code bytes}, located in main at the first {@code opcode}. */
    private Violation onlyViolation(byte[] bytes, Opcode opcode) {
        List<Violation> violations = violations("Main", bytes);
        assertEquals(1, violations.size(), violations.toString());
        Violation v = violations.getFirst();
        assertEquals("singj.installer.Main", v.className());
        assertEquals("main([Ljava/lang/String;)V", v.method());
        assertEquals(offsetOf(bytes, opcode), v.offset(), v.toString());
        return v;
    }

    private static void assertMessage(Violation v, String expected) {
        assertTrue(v.message().contains(expected), () -> "expected \"" + expected + "\" in:\n" + v.message());
    }

    private static int offsetOf(byte[] bytes, Opcode opcode) {
        var code = ClassFile.of().parse(bytes).methods().stream().filter(m -> m.methodName().equalsString("main"))
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
        throw new AssertionError(opcode + " not in main");
    }

    private static ConstantDynamicEntry dynamic(ClassModel model, String name) {
        for (PoolEntry entry : model.constantPool()) {
            if (entry instanceof ConstantDynamicEntry dynamic && dynamic.name().equalsString(name)) {
                return dynamic;
            }
        }
        throw new AssertionError("no dynamic constant " + name);
    }

    /** A CONSTANT_Dynamic entry's bytes (JVMS 4.4.10), in hex. */
    private static String condy(int bootstrap, int nameAndType) {
        return "11" + "%04x".formatted(bootstrap) + "%04x".formatted(nameAndType);
    }

    private static byte[] patch(byte[] bytes, String find, String replace) {
        HexFormat hex = HexFormat.of();
        String text = hex.formatHex(bytes);
        int at = text.indexOf(find);
        assertTrue(at >= 0 && at % 2 == 0 && text.indexOf(find, at + 1) < 0, "pattern " + find + " once in the class file");
        return hex.parseHex(text.substring(0, at) + replace + text.substring(at + find.length()));
    }

    /** Compiles one source file with javac; the class files by internal name. */
    private Map<String, byte[]> compile(String mainClass, String source) {
        try {
            Path sources = Files.createDirectories(dir.resolve(mainClass + "-src"));
            Path classes = Files.createDirectories(dir.resolve(mainClass + "-classes"));
            Path file = Files.writeString(sources.resolve(mainClass + ".java"), source);
            int exit = ToolProvider.getSystemJavaCompiler().run(null, null, null,
                    "-d", classes.toString(), "-proc:none", "-nowarn", file.toString());
            assertEquals(0, exit, mainClass + " compiles");
            Map<String, byte[]> result = new LinkedHashMap<>();
            try (Stream<Path> walk = Files.walk(classes)) {
                for (Path p : walk.filter(Files::isRegularFile).sorted().toList()) {
                    String entry = classes.relativize(p).toString().replace('\\', '/');
                    result.put(entry.substring(0, entry.length() - ".class".length()), Files.readAllBytes(p));
                }
            }
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
