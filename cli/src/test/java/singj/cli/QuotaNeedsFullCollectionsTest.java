package singj.cli;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import singj.cli.testing.ProgramCompiler;

/**
 * A SIP is judged on what a full collection, asked for with System.gc(), found alive
 * (docs/memory.md). In a JVM where System.gc() is no full collection, garbage would be judged
 * alive and an honest SIP killed, so no quota is enforced there: singj refuses to run the program
 * and says why, rather than kill by mistake.
 */
class QuotaNeedsFullCollectionsTest {
    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"-XX:+DisableExplicitGC", "-XX:+ExplicitGCInvokesConcurrent"})
    void aQuotaIsRefusedWhereSystemGcIsNoFullCollection(String flag) throws Exception {
        Path program = ProgramCompiler.compileResource("corpus/isolation/GarbageHeavy.java", work);
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process process = new ProcessBuilder(List.of(java, flag,
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run", program.toString(), "16"))
                .redirectErrorStream(true).start();
        boolean ended = process.waitFor(60, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended, "singj did not end: " + output);
        assertNotEquals(0, process.exitValue(), output);
        assertTrue(output.contains("cannot be enforced") && output.contains(flag.substring(5)), output);
        assertTrue(!output.contains("allocated 16 MiB"), "the program ran without its quota: " + output);
    }
}
