package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import singj.cli.testing.CapturedOutput;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;
import singj.kernel.proc.SipState;

/**
 * Objects a SIP made, whose methods are the SIP's code: exceptions whose toString, getMessage,
 * getStackTrace, getCause or printStackTrace loop, throw or print without end, and threads and
 * executors whose hashCode, equals, getState, interrupt, shutdownNow loop. The kernel prints an
 * uncaught exception on the SIP's own thread, within a time and a size, and never calls such a
 * method on a thread of its own: each program ends on time with the expected status, leaving no
 * thread behind, and the process list answers while it runs.
 */
class SipCodeOnKernelThreadsTest {
    /** The printing deadline (2 s) and the kill after it, with room for a loaded machine. */
    private static final Duration END_WITHIN = Duration.ofSeconds(8);

    @TempDir
    static Path work;
    private static Kernel kernel;

    @BeforeAll
    static void boot() {
        kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults());
    }

    @AfterAll
    static void shutDown() {
        kernel.close();
    }

    static Stream<String> uncaught() {
        return ProgramCompiler.listResources("corpus/uncaught").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("uncaught")
    void anUncaughtExceptionEndsItsSipOnTimeWhateverItsCodeDoes(String resource) throws Exception {
        String name = baseName(resource);
        List<String> header = expectations(resource);
        int expectedCode = Integer.parseInt(header.stream().filter(l -> l.startsWith("exit ")).findFirst().orElseThrow().substring(5));
        var out = new CapturedOutput();
        var err = new CapturedOutput();
        Proc sip = kernel.spawn(seal(resource, name), SipOptions.of(new Stdio(InputStream.nullInputStream(), out, err)));

        ExitStatus status = sip.awaitExit(END_WITHIN);
        assertNotNull(status, () -> name + " did not end within " + END_WITHIN + ": still " + sip.state() + " with "
                + sip.threadCount() + " threads\n" + stacksMentioning(name) + err.text());
        assertEquals(expectedCode, status.code(), () -> status + "\n" + err.text());
        if (status.wasKilled()) {
            assertTrue(status.killCause() == KillCause.UNPRINTABLE_EXCEPTION || status.killCause() == KillCause.MEMORY_QUOTA,
                    status::toString);
        }
        String text = err.text();
        String describedEnd = text + (status.wasKilled() ? "\n" + status.detail() : "");
        for (String line : header) {
            if (line.startsWith("err ")) {
                assertTrue(describedEnd.contains(line.substring(4)), () -> "no \"" + line.substring(4) + "\" in:\n"
                        + abbreviate(describedEnd));
            }
        }
        assertTrue(text.length() < (1 << 20) + 4096, () -> name + " printed " + text.length() + " characters");
        assertEquals("running\n", out.text().lines().findFirst().map(l -> l + "\n").orElse(""));
        assertLeftNothing(sip, name);
    }

    @Test
    void theKernelCallsNoMethodOfASipsThreadsOrExecutors() throws Exception {
        String name = "ThreadTraps";
        var out = new CapturedOutput();
        Proc sip = kernel.spawn(seal("corpus/kernel-traps/ThreadTraps.java", name),
                SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err)));
        out.awaitText("running\n", Duration.ofSeconds(10));

        // what ps asks, from a thread that is not the SIP's: its threads' hashCode, equals and getState loop
        var listed = CompletableFuture.supplyAsync(kernel::processes);
        var processes = listed.get(5, TimeUnit.SECONDS);
        assertTrue(processes.stream().anyMatch(p -> p.pid() == sip.pid() && p.threads() >= 2), processes::toString);
        assertEquals(SipState.RUNNING, sip.state());

        // their interrupt and the pool's shutdownNow and terminated hook loop too
        assertTrue(sip.kill(KillCause.REQUESTED, "killed by the test"));
        ExitStatus status = sip.awaitExit(Duration.ofSeconds(4));
        assertNotNull(status, () -> "still " + sip.state() + " with " + sip.threadCount() + " threads\n" + stacksMentioning(name));
        assertEquals(ExitStatus.KILLED, status.code());
        assertLeftNothing(sip, name);
    }

    /** End to end: singj run prints the exception's first line, then why it killed the SIP, and exits 137. */
    @Test
    void singjRunEndsOnTimeWithAClearLine() {
        Path jar = ProgramCompiler.compileResource("corpus/uncaught/ToStringLoops.java", work.resolve("run"));
        long start = System.nanoTime();
        var result = ProcessRunner.singj("", "run", jar.toString());
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(137, result.exitCode(), result.err());
        assertEquals("running\n", result.out());
        assertEquals(List.of("Exception in thread \"main\" ",
                        "singj: killed SIP 1 (ToStringLoops): its uncaught ToStringLoops$Evil took more than 2s to print"),
                result.err().lines().toList());
        assertTrue(millis < 6_000, "took " + millis + " ms");
    }

    private static void assertLeftNothing(Proc sip, String name) throws InterruptedException {
        assertEquals(SipState.DEAD, sip.state());
        assertEquals(0, sip.threadCount(), () -> name + " left threads behind");
        assertTrue(kernel.processes().stream().noneMatch(p -> p.pid() == sip.pid()), kernel.processes()::toString);
        long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
        while (!stacksMentioning(name).isEmpty() && System.nanoTime() < end) {
            Thread.sleep(20);
        }
        assertEquals("", stacksMentioning(name), "no thread runs the dead SIP's code");
    }

    private static SealedProgram seal(String resource, String name) throws IOException {
        Path dir = Files.createDirectories(work.resolve(name));
        return Installer.standard().seal(ProgramJar.read(ProgramCompiler.compileResource(resource, dir)), name, 0);
    }

    private static String baseName(String resource) {
        return resource.substring(resource.lastIndexOf('/') + 1, resource.length() - ".java".length());
    }

    /** The {@code // expect ...} lines at the top of a corpus file, without the prefix. */
    private static List<String> expectations(String resource) {
        try (InputStream in = SipCodeOnKernelThreadsTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .takeWhile(l -> l.startsWith("// expect ")).map(l -> l.substring("// expect ".length())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String abbreviate(String text) {
        return text.length() <= 2000 ? text : text.substring(0, 1000) + "\n...\n" + text.substring(text.length() - 1000);
    }

    private static String stacksMentioning(String name) {
        StringBuilder found = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            if (Arrays.stream(frames).anyMatch(f -> f.getClassName().equals(name) || f.getClassName().startsWith(name + "$"))) {
                found.append(thread.getName()).append('\n');
                Arrays.stream(frames).limit(12).forEach(f -> found.append("    at ").append(f).append('\n'));
            }
        });
        return found.toString();
    }
}
