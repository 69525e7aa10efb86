package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import com.eclipsesource.json.Json;
import org.apache.commons.lang3.StringUtils;
import org.apache.commons.text.StringSubstitutor;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.VerificationReport;

/**
 * A program that brings real libraries from Maven Central on its manifest's {@code Class-Path}
 * (commons-text, commons-lang3, minimal-json) installs with them, every class verified, and prints
 * what it prints under {@code java}; the libraries' corners it never calls are dropped or refused
 * where they are reached. commons-lang3's {@code reflectionToString} and org.json's bean mapping
 * reflect over the program's own classes, which a SIP may do (docs/sealing.md).
 */
class ProgramsWithLibrariesTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    @TempDir
    Path work;

    @Test
    void aProgramWithLibrariesOnItsClassPathRunsAsUnderJava() throws Exception {
        Path jar = withLibraries("Report");
        ProgramJar program = ProgramJar.read(jar);
        assertTrue(program.classes().containsKey("org.apache.commons.lang3.StringUtils"), "the libraries' classes come with it");
        assertTrue(program.classes().containsKey("com.eclipsesource.json.Json"));
        VerificationReport report = Installer.standard().verify(program);
        assertTrue(report.passed(), String.join("\n", report.rejectionLines()));
        assertTrue(report.unreachable() > 1000, "most of the libraries is never called: " + report.summary());

        var java = ProcessRunner.javaJar(jar, List.of(), "", TIMEOUT);
        assertEquals(0, java.exitCode(), java.err());
        assertTrue(java.out().contains("Ada Lovelace ordered 502 things"), java.out());
        var singj = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(java.out(), singj.out(), singj.err());
        assertEquals(0, singj.exitCode(), singj.err());
    }

    @Test
    void aLibraryReflectingOverTheProgramsOwnClassesRunsAsUnderJava() throws Exception {
        // commons-lang3's reflectionToString reads the program's own fields, and finds none in Object
        Path jar = withLibraries("Inspector");
        var java = ProcessRunner.javaJar(jar, List.of(), "", TIMEOUT);
        var singj = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(0, singj.exitCode(), singj.err());
        assertTrue(java.out().matches("Inspector@[0-9a-f]+\\[answer=42]\n"), java.out());
        assertTrue(singj.out().matches("Inspector@[0-9a-f]+\\[answer=42]\n"), singj.out() + singj.err());
    }

    @Test
    void orgJsonsBeanMappingRunsOverTheProgramsClassesAndItsJdkCornersAreRefusedIfReached() throws Exception {
        Path jar = withLibraries("JsonBeans");
        VerificationReport report = Installer.standard().verify(ProgramJar.read(jar));
        assertTrue(report.passed(), String.join("\n", report.rejectionLines()));
        assertTrue(report.refusedIfReached().stream().anyMatch(v -> v.className().equals("org.json.JSONObject")
                && v.message().startsWith("java.lang.Class.getPackage")), report.refusedIfReachedLines().toString());
        assertTrue(report.refusedIfReached().stream().allMatch(v -> v.className().startsWith("org.json.")),
                "only org.json's reachable part is at fault: " + report.refusedIfReached());
        var java = ProcessRunner.javaJar(jar, List.of(), "", TIMEOUT);
        var singj = ProcessRunner.singj("", "run", jar.toString());
        assertEquals(java.out(), singj.out(), singj.err());
        assertEquals(0, singj.exitCode(), singj.err());
    }

    @Test
    void aMissingLibraryIsNamed() throws Exception {
        Path jar = withLibraries("Report");
        Files.delete(work.resolve("lib/json.jar"));
        var verify = ProcessRunner.singj("", "verify", jar.toString());
        assertEquals(2, verify.exitCode(), verify.err());
        assertEquals(jar + ": Class-Path entry lib/json.jar: no such file (" + work.resolve("lib/json.jar") + ")\n",
                verify.err().replace("singj: ", ""));
    }

    /** {@code corpus/libraries/MAIN.java} compiled into {@code MAIN.jar}, with its libraries in {@code lib/}. */
    private Path withLibraries(String main) throws Exception {
        Path lib = Files.createDirectories(work.resolve("lib"));
        List<String> classPath = new ArrayList<>();
        for (var entry : Map.of("commons-lang3.jar", StringUtils.class, "commons-text.jar", StringSubstitutor.class,
                "minimal-json.jar", Json.class, "json.jar", JSONObject.class).entrySet()) {
            Files.copy(jarOf(entry.getValue()), lib.resolve(entry.getKey()));
            classPath.add("lib/" + entry.getKey());
        }
        return ProgramCompiler.compile(main, Map.of(main + ".java", CorpusFiles.read("corpus/libraries/" + main + ".java")),
                work, Map.of("Class-Path", String.join(" ", classPath)));
    }

    private static Path jarOf(Class<?> type) throws URISyntaxException {
        return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
    }
}
