package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProgramCompiler;

/**
 * A SIP whose quota is larger than the JVM's whole heap must still not take the JVM down: in a
 * JVM with a small heap, it is killed for memory, and singj itself exits normally with 137.
 */
class HeapExhaustionTest {
    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"large", "small"})
    void aSipCannotExhaustTheJvmHeap(String objects) throws Exception {
        Path hoarder = ProgramCompiler.compileResource("corpus/memory/Hoarder.java", work);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(List.of(java, "-Xmx128m", "-XX:+UseG1GC",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "run", "--memory", "4g", hoarder.toString(), objects))
                .redirectErrorStream(true).start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended, "singj did not end: " + output);
        assertEquals(137, process.exitValue(), output);
        assertTrue(output.contains("killed SIP 1 (Hoarder): memory"), output);
        assertTrue(!output.contains("java.lang.OutOfMemoryError"), "an OutOfMemoryError escaped: " + output);
    }
}
