package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import singj.cli.testing.ProgramCompiler;

/**
 * A SIP is judged by a heap census, which counts what is reachable whatever garbage the heap
 * holds (docs/memory.md): no full collection is needed. So quotas hold in a JVM where
 * System.gc() is no full collection (until the census, quotas were refused there, since garbage
 * would have been judged alive): an honest program that makes 4 times its quota in garbage runs
 * to its end, and a hoarder is killed for its quota.
 */
class QuotasWithoutFullCollectionsTest {
    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {"-XX:+DisableExplicitGC", "-XX:+ExplicitGCInvokesConcurrent"})
    void quotasHoldWhereSystemGcIsNoFullCollection(String flag) throws Exception {
        Path honest = ProgramCompiler.compileResource("corpus/isolation/GarbageHeavy.java", work.resolve("honest"));
        Run garbage = run(flag, "--memory", "16m", honest.toString(), "64");
        assertEquals(0, garbage.exit(), garbage.output());
        assertTrue(garbage.output().contains("allocated 64 MiB"), garbage.output());

        Path hoarder = ProgramCompiler.compileResource("corpus/memory/GrowJdkCollection.java", work.resolve("hoarder"));
        Run hoarding = run(flag, "--memory", "16m", hoarder.toString(), "list");
        assertNotEquals(0, hoarding.exit(), hoarding.output());
        assertTrue(hoarding.output().contains("memory quota of 16 MiB exceeded"), hoarding.output());
    }

    private record Run(int exit, String output) {}

    private static Run run(String flag, String... arguments) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        List<String> command = new ArrayList<>(List.of(java, flag, "--add-opens", "java.base/java.lang=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "run"));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        boolean ended = process.waitFor(120, TimeUnit.SECONDS);
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!ended) {
            process.destroyForcibly();
        }
        assertTrue(ended, "singj did not end: " + output);
        return new Run(process.exitValue(), output);
    }
}
