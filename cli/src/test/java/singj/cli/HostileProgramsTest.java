package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.lang.classfile.ClassFile;
import java.lang.constant.ClassDesc;
import java.lang.constant.ConstantDescs;
import java.lang.constant.DirectMethodHandleDesc;
import java.lang.constant.DynamicCallSiteDesc;
import java.lang.constant.MethodHandleDesc;
import java.lang.constant.MethodTypeDesc;
import java.lang.reflect.AccessFlag;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;

/**
 * Programs that try to break out of their SIP, one or more per sealing rule. Each must be
 * rejected by {@code singj verify} (exit 1, the rule and the offending API named, located at a
 * class, method and bytecode offset) and refused by {@code singj run} (exit 2) before any of
 * its code runs. Each corpus file states what it expects in its header:
 * {@code // expect [rule] text} for a violation in code, {@code // expect-class [rule] text}
 * for one in a class's or method's declaration.
 */
class HostileProgramsTest {
    private static final Pattern EXPECTATION = Pattern.compile("^// expect(-class)? \\[([a-z-]+)] (.+)$");
    private static final Pattern PACKAGE = Pattern.compile("(?m)^package ([\\w.]+);");
    private static final ClassDesc OBJECT = ConstantDescs.CD_Object;
    private static final MethodTypeDesc MAIN = MethodTypeDesc.ofDescriptor("([Ljava/lang/String;)V");

    @TempDir
    Path work;

    record Expectation(String rule, String text, boolean inCode) {}

    static Stream<String> hostilePrograms() {
        return ProgramCompiler.listResources("corpus/hostile").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostilePrograms")
    void isRejectedByVerifyAndRefusedByRun(String resource) throws IOException {
        String source = read(resource);
        List<Expectation> expectations = source.lines().map(EXPECTATION::matcher).filter(Matcher::matches)
                .map(m -> new Expectation(m.group(2), m.group(3), m.group(1) == null)).toList();
        assertFalse(expectations.isEmpty(), resource + " states what it expects");
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        String simpleName = file.substring(0, file.length() - ".java".length());
        Matcher pkg = PACKAGE.matcher(source);
        String mainClass = pkg.find() ? pkg.group(1) + "." + simpleName : simpleName;
        Path jar = ProgramCompiler.compile(mainClass, Map.of(file, source), work);
        assertRejected(jar, mainClass, expectations);
    }

    @Test
    void aProgramClassInJavaLangIsRejected() {
        // javac refuses to compile into java.lang, so the class is built directly
        byte[] bytes = ClassFile.of().build(ClassDesc.of("java.lang.Trojan"), cls -> cls
                .withFlags(AccessFlag.PUBLIC)
                .withMethodBody("main", MAIN, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code.return_()));
        Path jar = ProgramCompiler.jar("java.lang.Trojan", Map.of("java/lang/Trojan", bytes), work.resolve("trojan.jar"));
        assertRejected(jar, "java.lang.Trojan", List.of(new Expectation("reserved-package", "java.lang.Trojan", false)));
    }

    @Test
    void anInvokedynamicWithItsOwnBootstrapIsRejected() {
        ClassDesc self = ClassDesc.of("OwnBootstrap");
        MethodTypeDesc bootstrapType = MethodTypeDesc.of(ConstantDescs.CD_CallSite, ConstantDescs.CD_MethodHandles_Lookup,
                ConstantDescs.CD_String, ConstantDescs.CD_MethodType);
        DirectMethodHandleDesc bootstrap = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.STATIC, self,
                "bootstrap", bootstrapType);
        byte[] bytes = ClassFile.of().build(self, cls -> cls
                .withFlags(AccessFlag.PUBLIC)
                .withMethodBody("bootstrap", bootstrapType, ClassFile.ACC_STATIC, code -> code.aconst_null().areturn())
                .withMethodBody("main", MAIN, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                        .invokedynamic(DynamicCallSiteDesc.of(bootstrap, "anything", MethodTypeDesc.of(ConstantDescs.CD_void)))
                        .return_()));
        Path jar = ProgramCompiler.jar("OwnBootstrap", Map.of("OwnBootstrap", bytes), work.resolve("indy.jar"));
        assertRejected(jar, "OwnBootstrap", List.of(new Expectation("invokedynamic", "bootstrap OwnBootstrap.bootstrap", true)));
    }

    @Test
    void aMethodHandleConstantIsRejected() {
        DirectMethodHandleDesc halt = MethodHandleDesc.ofMethod(DirectMethodHandleDesc.Kind.VIRTUAL,
                ClassDesc.of("java.lang.Runtime"), "halt", MethodTypeDesc.ofDescriptor("(I)V"));
        byte[] bytes = ClassFile.of().build(ClassDesc.of("HandleConstant"), cls -> cls
                .withFlags(AccessFlag.PUBLIC)
                .withMethodBody("main", MAIN, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                        .ldc(halt).pop().return_()));
        Path jar = ProgramCompiler.jar("HandleConstant", Map.of("HandleConstant", bytes), work.resolve("ldc.jar"));
        assertRejected(jar, "HandleConstant", List.of(new Expectation("method-handles", "java.lang.Runtime.halt(I)V", true)));
    }

    @Test
    void aClassFileThatDoesNotParseIsRejected() {
        byte[] garbage = {(byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, 0, 0, 0, 69, 0x7F, 0x7F, 1, 2, 3};
        Path jar = ProgramCompiler.jar("Garbage", Map.of("Garbage", garbage), work.resolve("garbage.jar"));
        assertRejected(jar, "Garbage", List.of(new Expectation("malformed-class", "does not parse", false)));
    }

    @Test
    void aTruncatedClassFileIsRejected() {
        byte[] whole = ClassFile.of().build(ClassDesc.of("Truncated"), cls -> cls
                .withFlags(AccessFlag.PUBLIC)
                .withMethodBody("main", MAIN, ClassFile.ACC_PUBLIC | ClassFile.ACC_STATIC, code -> code
                        .getstatic(ClassDesc.of("java.lang.System"), "out", ClassDesc.of("java.io.PrintStream"))
                        .ldc("half a class").invokevirtual(ClassDesc.of("java.io.PrintStream"), "println",
                                MethodTypeDesc.ofDescriptor("(Ljava/lang/String;)V"))
                        .return_()));
        byte[] half = Arrays.copyOf(whole, whole.length * 2 / 3);
        Path jar = ProgramCompiler.jar("Truncated", Map.of("Truncated", half), work.resolve("truncated.jar"));
        assertRejected(jar, "Truncated", List.of(new Expectation("malformed-class", "does not parse", false)));
    }

    @Test
    void aJarThatIsNotAZipIsBadInput() throws IOException {
        Path jar = Files.writeString(work.resolve("notazip.jar"), "#!/bin/sh\necho this is a shell script\n");
        assertBadInput(jar, "not a jar");
    }

    @Test
    void anEmptyFileIsBadInput() throws IOException {
        Path jar = Files.write(work.resolve("empty.jar"), new byte[0]);
        assertBadInput(jar, "not a jar");
    }

    @Test
    void aJarWithoutClassesIsBadInput() {
        Path jar = ProgramCompiler.jar("Nothing", Map.of(), work.resolve("noclasses.jar"));
        assertBadInput(jar, "contains no class files");
    }

    @Test
    void aJarWithoutMainClassIsBadInput() {
        Path compiled = ProgramCompiler.compileResource("corpus/ordinary/HelloWorld.java", work);
        assertTrue(Files.exists(compiled));
        byte[] hello = readClass(work.resolve("HelloWorld-classes/HelloWorld.class"));
        Path jar = ProgramCompiler.jar(null, Map.of("HelloWorld", hello), work.resolve("nomain.jar"));
        assertBadInput(jar, "no Main-Class");
    }

    /**
     * A monitor on a shared object the installer cannot see statically (the verifier's type for it is
     * Object, what List.get returns): refused when the SIP runs it.
     */
    @Test
    void lockingASharedObjectThroughAnAliasFailsTheSipAtRunTime() {
        String source = """
                public class AliasedMonitor {
                    public static void main(String[] args) {
                        String name = args.length > 0 ? args[0] : "shared";
                        Object alias = java.util.List.of(name.intern()).get(0);
                        synchronized (alias) {
                            System.out.println("locked a string every SIP can reach");
                        }
                    }
                }
                """;
        Path jar = ProgramCompiler.compile("AliasedMonitor", Map.of("AliasedMonitor.java", source), work);
        var verify = ProcessRunner.singj("", "verify", jar.toString());
        assertEquals(0, verify.exitCode(), "the static check cannot see through the alias: " + verify.err());

        var run = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(1, run.exitCode(), run.err());
        assertEquals("", run.out(), "the synchronized block never ran");
        assertTrue(run.err().startsWith("Exception in thread \"main\" java.lang.IllegalMonitorStateException"), run.err());
        assertTrue(run.err().contains("shared"), run.err());
        assertTrue(run.err().contains("at AliasedMonitor.main("), run.err());

        var after = ProcessRunner.singj("", "run", ProgramCompiler.compileResource("corpus/ordinary/HelloWorld.java", work).toString(), "JVM");
        assertEquals(0, after.exitCode(), "the JVM and the next SIP are fine");
        assertEquals("Hello, JVM!\n", after.out());
    }

    static void assertRejected(Path jar, String mainClass, List<Expectation> expectations) {
        var verify = ProcessRunner.singj("", "verify", jar.toString());
        assertEquals(1, verify.exitCode(), () -> jar + " passed verification: " + verify.out() + verify.err());
        assertEquals("", verify.out());
        List<String> lines = verify.err().lines().toList();
        assertTrue(lines.getLast().endsWith(": rejected"), verify.err());
        for (Expectation expected : expectations) {
            String prefix = "[" + expected.rule() + "] " + mainClass;
            // in code: [rule] Class.method(descriptor)ret @ offset (line n): message naming the API
            Pattern located = Pattern.compile(Pattern.quote(prefix) + "(\\$\\w+)*\\.[\\w<>$]+\\(\\S*\\)\\S* @ \\d+( \\(line \\d+\\))?: .*");
            assertTrue(lines.stream().anyMatch(l -> l.startsWith(prefix) && l.contains(expected.text())
                            && (!expected.inCode() || located.matcher(l).matches())),
                    () -> "no " + (expected.inCode() ? "located " : "") + "violation " + prefix + " ... " + expected.text()
                            + " in:\n" + verify.err());
        }
        var run = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(2, run.exitCode(), () -> "singj run did not refuse " + jar + ": " + run.out() + run.err());
        assertEquals("", run.out(), "none of its code ran");
        assertTrue(run.err().contains("[" + expectations.getFirst().rule() + "]"), run.err());
    }

    private static void assertBadInput(Path jar, String reason) {
        for (String command : List.of("verify", "run")) {
            var result = ProcessRunner.singj("", command, jar.toString());
            assertEquals(2, result.exitCode(), () -> command + ": " + result.out() + result.err());
            assertEquals("", result.out());
            List<String> lines = result.err().lines().toList();
            assertEquals(1, lines.size(), result.err());
            assertTrue(lines.getFirst().startsWith("singj: " + jar), lines.getFirst());
            assertTrue(lines.getFirst().contains(reason), lines.getFirst());
        }
    }

    private static String read(String resource) throws IOException {
        try (InputStream in = HostileProgramsTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static byte[] readClass(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
