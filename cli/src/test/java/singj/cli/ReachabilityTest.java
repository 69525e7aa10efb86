package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.constantpool.StringEntry;
import java.lang.classfile.instruction.ConstantInstruction;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.VerificationReport;
import singj.installer.Violation;
import singj.kernel.SealedProgram;

/**
 * Only code reachable from a program's entry points must obey the SIP's API rules, and the rest is
 * dropped when it is sealed: a method main never reaches may use reflection; the same method
 * called from main is rejected; what the JDK calls back (toString, compareTo, lambdas, enum
 * valueOf) stays, and the program prints what it prints under {@code java}; an override of a JDK
 * method that only JDK code the program never reaches calls ({@code parallelStream}) is dropped.
 */
class ReachabilityTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void codeMainNeverReachesMayBreakTheRulesAndIsDropped() throws Exception {
        Path jar = ProgramCompiler.compileResource("corpus/reachability/Plugin.java", work);
        VerificationReport report = Installer.standard().verify(ProgramJar.read(jar));
        assertTrue(report.passed(), report.violations().toString());

        SealedProgram sealed = Installer.standard().seal(ProgramJar.read(jar), "plugin", 0);
        Set<String> dropped = droppedMethods(sealed);
        assertTrue(dropped.containsAll(Set.of("Helper.reflective", "Unused.<clinit>", "Unused.run", "Unused.<init>")),
                dropped.toString());
        for (String kept : List.of("Plugin.main", "Helper.greet", "Helper.announce", "Circle.area", "Circle.toString",
                "Square.toString", "Version.compareTo", "Version.toString", "Color.valueOf", "Color.values", "Color.<clinit>",
                "Loud.shout")) {
            assertTrue(!dropped.contains(kept), kept + " is reachable but was dropped: " + dropped);
        }
        assertEquals(dropped.size(), report.unreachable(), "the summary counts what the sealer dropped");
        assertTrue(report.summary().contains(dropped.size() + " unreachable and dropped"), report.summary());

        var java = ProcessRunner.javaJar(jar, List.of(), "", TIMEOUT);
        var singj = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(0, java.exitCode(), java.err());
        assertEquals(java.out(), singj.out(), singj.err());
        assertEquals(0, singj.exitCode(), singj.err());
    }

    @Test
    void theSameCodeCalledFromMainIsRejected() {
        String source = CorpusFiles.read("corpus/reachability/Plugin.java")
                .replace("System.out.println(Helper.greet(\"world\"));",
                        "System.out.println(Helper.greet(\"world\"));\n        try { Helper.reflective(\"x\"); } catch (Exception e) { }");
        Path jar = ProgramCompiler.compile("Plugin", Map.of("Plugin.java", source), work);
        VerificationReport report = Installer.standard().verify(ProgramJar.read(jar));
        assertTrue(report.violations().stream().anyMatch(v -> v.rule().equals("reflection") && v.className().equals("Helper")
                && v.method().startsWith("reflective(")), report.violations().toString());
        assertTrue(report.violations().stream().noneMatch(v -> v.className().equals("Unused")),
                "Unused is still unreachable: " + report.violations());
    }

    @Test
    void overridesOfCallbacksNoReachableJdkCodeMakesAreDroppedAndTheProgramRunsAsUnderJava() throws Exception {
        Path jar = ProgramCompiler.compileResource("corpus/reachability/LibraryCallbacks.java", work);
        VerificationReport report = Installer.standard().verify(ProgramJar.read(jar));
        assertTrue(report.passed(), String.join("\n", report.rejectionLines()));

        Set<String> dropped = droppedMethods(Installer.standard().seal(ProgramJar.read(jar), "library-callbacks", 0));
        assertTrue(dropped.containsAll(Set.of("Squares.parallelStream", "ByLength.reversed", "Counts.replaceAll",
                "Tracked.thenApplyAsync")), dropped.toString());
        for (String kept : List.of("Squares.get", "Squares.size", "ByLength.compare", "Tracked.newIncompleteFuture")) {
            assertTrue(!dropped.contains(kept), kept + " is called back by the JDK but was dropped: " + dropped);
        }

        var java = ProcessRunner.javaJar(jar, List.of(), "", TIMEOUT);
        var singj = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(0, java.exitCode(), java.err());
        assertEquals(java.out(), singj.out(), singj.err());
        assertEquals(0, singj.exitCode(), singj.err());
    }

    /**
     * Each added line makes JDK code (or the SIP runtime the sealer sends the call to) call one of
     * the library's overrides back, though the program never names it: it must be checked, and it
     * breaks the rules where it stands.
     */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // Collectors.groupingBy finishes each group with replaceAll on the map the program supplies
            "GROUPING | System.out.println(Stream.of(\"a\", \"bb\", \"a\").collect(Collectors.groupingBy(w -> w, Counts::new, Collectors.counting()))); | Counts | replaceAll(",
            // the JDK's unmodifiable view forwards parallelStream to the list it wraps
            "PARALLEL | System.out.println(java.util.Collections.unmodifiableList(squares).parallelStream().count()); | Squares | parallelStream(",
            // SingJ's runtime runs an asynchronous stage on the SIP's pool through the two-argument form
            "ASYNC | System.out.println(tracked.thenApplyAsync(String::length).get()); | Tracked | thenApplyAsync(Ljava/util/function/Function;Ljava/util/concurrent/Executor;)Ljava/util/concurrent/CompletableFuture;"})
    void anOverrideIsCheckedOnceReachableCodeMakesTheJdkCallItBack(String marker, String line, String owner, String method) {
        String source = CorpusFiles.read("corpus/reachability/LibraryCallbacks.java").replace("// " + marker, line);
        Path jar = ProgramCompiler.compile("LibraryCallbacks", Map.of("LibraryCallbacks.java", source), work);
        VerificationReport report = Installer.standard().verify(ProgramJar.read(jar));
        assertEquals(1, report.violations().size(), String.join("\n", report.rejectionLines()));
        Violation violation = report.violations().getFirst();
        assertEquals("thread-enumeration", violation.rule());
        assertEquals(owner, violation.className());
        assertTrue(violation.method().startsWith(method), violation.toString());
    }

    /** {@code Class.method} of every method whose sealed body is the throw of an unreachable method. */
    static Set<String> droppedMethods(SealedProgram sealed) {
        Set<String> dropped = new TreeSet<>();
        sealed.classes().forEach((name, bytes) -> {
            ClassModel model = ClassFile.of().parse(bytes);
            for (MethodModel method : model.methods()) {
                boolean throwsRemoved = method.code().map(code -> code.elementStream().anyMatch(element ->
                        element instanceof ConstantInstruction.LoadConstantInstruction ldc
                                && ldc.constantEntry() instanceof StringEntry text
                                && text.stringValue().startsWith("removed at install:"))).orElse(false);
                if (throwsRemoved) {
                    dropped.add(name + "." + method.methodName().stringValue());
                }
            }
        });
        return dropped;
    }
}
