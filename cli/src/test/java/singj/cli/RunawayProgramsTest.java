package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import singj.cli.testing.CapturedOutput;
import singj.cli.testing.EndlessInput;
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
 * Programs that never end by themselves, each trying a different way to outlive a kill: swallowing
 * what it throws, looping in handlers and finally blocks, blocking in calls that ignore interrupts,
 * leaving threads behind. Each must be gone within a second of the kill, with no thread, no
 * process-table entry and (for a sample) no class loader left.
 */
class RunawayProgramsTest {
    /** The guarantee under test: from the kill request to a fully cleaned-up SIP. */
    private static final Duration KILL_LATENCY_LIMIT = Duration.ofSeconds(1);
    /** Collecting the loader costs full GCs, so only these are checked for it. */
    private static final Set<String> CHECK_LOADER = Set.of("TightLoop", "SpinningExecutor", "SpinningAsyncWork",
            "LockHeldForever", "ReadStdinForever", "ThreadsOutliveMain");
    private static final AtomicLong MAX_LATENCY_NANOS = new AtomicLong();

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
        System.out.printf("runaway programs: longest kill latency %.1f ms%n", MAX_LATENCY_NANOS.get() / 1e6);
    }

    static Stream<String> runaways() {
        return ProgramCompiler.listResources("corpus/runaway").stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("runaways")
    void endsWithinASecondOfTheKillAndLeavesNothingBehind(String resource) throws Exception {
        String name = resource.substring(resource.lastIndexOf('/') + 1, resource.length() - ".java".length());
        Path dir = Files.createDirectories(work.resolve(name));
        assertEndsWithinASecondOfTheKill(name, Installer.standard().seal(
                ProgramJar.read(ProgramCompiler.compileResource(resource, dir)), name, 0));
    }

    static List<ForgedHandlerRunaways.Forged> forgedHandlers() {
        return ForgedHandlerRunaways.all();
    }

    /** Exception handlers javac never writes, forged in bytecode against the sealer's rules for handlers. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("forgedHandlers")
    void aForgedHandlerLoopEndsWithinASecondOfTheKill(ForgedHandlerRunaways.Forged forged) throws Exception {
        String name = forged.name();
        Path jar = ProgramCompiler.jar(name, Map.of(name, forged.classFile()), work.resolve(name + ".jar"));
        assertEndsWithinASecondOfTheKill(name, Installer.standard().seal(ProgramJar.read(jar), name, 0));
    }

    private static void assertEndsWithinASecondOfTheKill(String name, SealedProgram program) throws Exception {
        var out = new CapturedOutput();
        var err = new CapturedOutput();
        Proc sip = kernel.spawn(program, SipOptions.of(new Stdio(new EndlessInput(), out, err)));
        WeakReference<ClassLoader> loader = sip.classLoaderReference();
        assertNotNull(loader.get(), "a running SIP has its loader");

        out.awaitText("running\n", Duration.ofSeconds(10));
        Thread.sleep(150); // deep into its loop, its blocking call or its handlers
        assertNull(sip.awaitExit(Duration.ZERO), () -> name + " ended by itself: " + err.text());
        assertEquals(SipState.RUNNING, sip.state());

        long start = System.nanoTime();
        assertTrue(sip.kill(KillCause.REQUESTED, "killed by the test"));
        ExitStatus status = sip.awaitExit(Duration.ofSeconds(10));
        long latency = System.nanoTime() - start;
        MAX_LATENCY_NANOS.accumulateAndGet(latency, Math::max);
        assertNotNull(status, () -> name + " escaped the kill: still " + sip.state() + " with "
                + sip.threadCount() + " threads after 10 s (" + sip.holdUp() + ")\n" + stacksMentioning(name));
        assertTrue(latency < KILL_LATENCY_LIMIT.toNanos(),
                () -> name + " took " + latency / 1_000_000 + " ms to end after the kill (" + sip.holdUp() + ")");

        assertEquals(new ExitStatus(ExitStatus.KILLED, KillCause.REQUESTED, "killed by the test"), status);
        assertEquals(SipState.DEAD, sip.state());
        assertEquals(0, sip.threadCount(), () -> name + " left threads behind");
        assertTrue(kernel.processes().stream().noneMatch(p -> p.pid() == sip.pid()),
                () -> name + " is still in the process table: " + kernel.processes());
        assertEquals("", stacksMentioning(name), "no platform thread runs the dead SIP's code");
        assertPumpStops("sip-" + sip.pid() + "-stdin");
        assertEquals("", err.text(), "a kill prints nothing on the SIP's own stderr");
        if (CHECK_LOADER.contains(name)) {
            assertCollected(loader, name);
        }
    }

    @Test
    void singjRunKillsARunawayAtItsTimeLimit() {
        Path jar = ProgramCompiler.compileResource("corpus/runaway/CatchThrowableLoop.java", work);
        long start = System.nanoTime();
        var result = ProcessRunner.singj("", "run", "--kill-after", "500ms", jar.toString());
        long elapsedMillis = (System.nanoTime() - start) / 1_000_000;
        assertEquals(137, result.exitCode(), result.err());
        assertEquals("running\n", result.out());
        List<String> errLines = result.err().lines().toList();
        assertEquals(1, errLines.size(), result.err());
        assertTrue(errLines.getFirst().matches("singj: killed SIP \\d+ \\(CatchThrowableLoop\\): time limit of 500ms exceeded"),
                errLines.getFirst());
        assertTrue(elapsedMillis >= 500 && elapsedMillis < 5_000, "took " + elapsedMillis + " ms");
    }

    /**
     * The kernel thread that copies host input to a SIP is interrupted when the SIP ends and stops
     * soon after (this test's input, like a pipe, wakes on interrupt; a real terminal does not).
     */
    private static void assertPumpStops(String pumpName) throws InterruptedException {
        long end = System.nanoTime() + KILL_LATENCY_LIMIT.toNanos();
        while (Thread.getAllStackTraces().keySet().stream().anyMatch(t -> t.getName().equals(pumpName))) {
            if (System.nanoTime() > end) {
                fail("the standard-input pump " + pumpName + " still runs " + KILL_LATENCY_LIMIT + " after the kill");
            }
            Thread.sleep(10);
        }
    }

    private static void assertCollected(WeakReference<ClassLoader> loader, String name) throws InterruptedException {
        for (int attempt = 0; attempt < 20 && loader.get() != null; attempt++) {
            System.gc();
            Thread.sleep(50);
        }
        if (loader.get() != null) {
            fail(name + ": the dead SIP's class loader is still reachable after 20 collections");
        }
    }

    /** Stack traces of live platform threads that run code of the program {@code name}. */
    private static String stacksMentioning(String name) {
        StringBuilder found = new StringBuilder();
        Thread.getAllStackTraces().forEach((thread, frames) -> {
            if (Arrays.stream(frames).anyMatch(f -> f.getClassName().equals(name) || f.getClassName().startsWith(name + "$"))) {
                found.append(thread).append('\n');
                Arrays.stream(frames).limit(12).forEach(f -> found.append("    at ").append(f).append('\n'));
            }
        });
        return found.toString();
    }
}
