package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;

/**
 * HotSpot compiles sealed code with {@code synchronized} blocks and handlers. Both JIT compilers
 * refuse a method whose monitors they cannot pair (a check that could throw out of the method with
 * a lock held, or a monitorexit of an object not traced to its monitorenter) and C1 one whose
 * handler a jump also reaches: such a method stays interpreted for good, at many times the cost,
 * and nothing fails. So this runs {@code singj run} in a JVM of its own that logs its compilations
 * ({@code -Xbatch}: each finishes before the call that asked for it goes on).
 */
class CompiledHandlersTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(120);
    private static final List<String> METHODS = List.of("syncBlock", "nested", "syncWithCatch", "syncLoop",
            "syncInFinally", "tryFinally", "tryWithResources");

    @TempDir
    Path work;

    @Test
    void bothCompilersCompileSealedMonitorReleasesAndHandlers() throws Exception {
        Path jar = ProgramCompiler.compileResource("corpus/jit/HotHandlers.java", work);
        var java = ProcessRunner.javaJar(jar, List.of(), "", TIMEOUT);
        assertEquals(0, java.exitCode(), java.err());

        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-Xbatch", "-XX:+PrintCompilation", "-Xlog:monitormismatch=info",
                "--add-opens", "java.base/java.lang=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), "singj.cli.Main", "run", jar.toString()));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS), "singj run did not end");
        assertEquals(0, process.exitValue(), log);
        assertTrue(log.contains(java.out()), () -> "prints what java prints, " + java.out() + log);

        List<String> refusals = log.lines().filter(l -> l.contains("HotHandlers")
                        && (l.contains("Monitor mismatch") || l.contains("COMPILE SKIPPED") || l.contains("not compilable")))
                .map(l -> l.replaceFirst("^\\[[^]]*]|^\\s*\\d+\\s+\\d+", "").strip()).distinct().toList();
        assertEquals(List.of(), refusals, "no method of the program is refused by a compiler");
        for (String method : METHODS) {
            for (int tier : new int[] {3, 4}) {
                assertTrue(log.lines().anyMatch(l -> l.matches(".*\\s" + tier + "\\s+HotHandlers::" + method + " .*")),
                        () -> method + " is compiled at tier " + tier + ":\n" + grep(log, "HotHandlers::"));
            }
        }
    }

    private static String grep(String log, String text) {
        StringBuilder lines = new StringBuilder();
        log.lines().filter(l -> l.contains(text)).forEach(l -> lines.append(l).append('\n'));
        return lines.toString();
    }
}
