package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProcessRunner.Result;

/** Bad input of every kind gets one clear line naming what and where, and exit code 2. */
class BadInputTest {
    @TempDir
    Path dir;

    private void assertOneClearLine(Result result, String... mentions) {
        assertEquals(2, result.exitCode(), result.err());
        String err = result.err().strip();
        assertEquals(1, err.lines().count(), "one line: " + err);
        assertTrue(err.startsWith("singj: "), err);
        for (String mention : mentions) {
            assertTrue(err.contains(mention), "'" + mention + "' in: " + err);
        }
    }

    @Test
    void aMissingFile() {
        String missing = dir.resolve("missing.jar").toString();
        assertOneClearLine(ProcessRunner.singj("", "run", missing), missing, "no such file");
        assertOneClearLine(ProcessRunner.singj("", "verify", missing), missing, "no such file");
    }

    @Test
    void aFileThatIsNotAJar() throws Exception {
        Path notJar = Files.writeString(dir.resolve("notes.jar"), "this is text, not a zip archive");
        assertOneClearLine(ProcessRunner.singj("", "run", notJar.toString()), notJar.toString(), "not a jar");
        assertOneClearLine(ProcessRunner.singj("", "install", "--image", dir.resolve("img").toString(), notJar.toString()),
                "not a jar");
    }

    @Test
    void anEmptyJarAndAJarWithoutMainClass() throws Exception {
        Path empty = dir.resolve("empty.jar");
        try (OutputStream file = Files.newOutputStream(empty); var out = new JarOutputStream(file, new Manifest())) {
            out.finish();
        }
        assertOneClearLine(ProcessRunner.singj("", "verify", empty.toString()), empty.toString());
        Path noMain = singj.cli.testing.ProgramCompiler.jar(null,
                java.util.Map.of("Lonely", new byte[] {(byte) 0xCA, (byte) 0xFE}), dir.resolve("nomain.jar"));
        assertOneClearLine(ProcessRunner.singj("", "run", noMain.toString()), "no Main-Class");
    }

    @Test
    void anUnknownProgram() {
        assertOneClearLine(ProcessRunner.singj("", "run", "--image", dir.toString(), "nosuchprogram"),
                "no program named 'nosuchprogram'");
    }

    @Test
    void badOptionValues() {
        Result result = ProcessRunner.singj("", "run", "--kill-after", "soon", "x.jar");
        assertEquals(2, result.exitCode());
        assertTrue(result.err().contains("'soon' is not a duration"), result.err());
    }
}
