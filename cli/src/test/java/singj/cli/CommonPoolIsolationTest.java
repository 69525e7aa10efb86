package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.CapturedOutput;
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

/**
 * A SIP's asynchronous work runs on its own threads: a SIP that floods "the common pool" by every
 * route a plain program has to it (CompletableFuture, timeouts, delayed executors, forked tasks,
 * parallel streams, parallel sorts, bulk map operations, a publisher) starves only itself. Judged
 * from outside: the host's real common pool and another SIP's async work keep serving, every thread
 * that runs the flooder's code is one of its own, and after the kill none is left.
 */
class CommonPoolIsolationTest {
    private static final Duration KILL_LATENCY_LIMIT = Duration.ofSeconds(2);

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

    @Test
    void aSipFloodingItsCommonPoolStarvesNeitherTheHostNorAnotherSip() throws Exception {
        var floodOut = new CapturedOutput();
        Proc flood = spawn("FloodCommonPool", floodOut);
        floodOut.awaitText("running\n", Duration.ofSeconds(20));
        Thread.sleep(300); // every route's tasks are spinning by now

        // the host's common pool: a task, an async stage and a parallel stream complete at once
        long start = System.nanoTime();
        assertEquals(42, ForkJoinPool.commonPool().submit(() -> 42).get(5, TimeUnit.SECONDS));
        assertEquals("host", CompletableFuture.supplyAsync(() -> "host").get(5, TimeUnit.SECONDS));
        assertEquals(5050, CompletableFuture.supplyAsync(() -> IntStream.rangeClosed(1, 100).parallel().sum())
                .get(5, TimeUnit.SECONDS));
        long hostMillis = (System.nanoTime() - start) / 1_000_000;
        assertTrue(hostMillis < 2_000, "the host's common pool took " + hostMillis + " ms to serve");

        // another SIP's async work completes, with its own pool
        var otherOut = new CapturedOutput();
        Proc other = spawn("AsyncWork", otherOut);
        ExitStatus otherStatus = other.awaitExit(Duration.ofSeconds(30));
        assertEquals(ExitStatus.exited(0), otherStatus, () -> "beside the flood: " + otherOut.text());
        assertEquals("chained 42\nparallel sum 5000050000\ntimed out\ndelayed\n", otherOut.text());

        // every platform thread that runs the flooder's code is its own, and there are some
        List<Thread> running = threadsRunning("FloodCommonPool");
        assertTrue(running.size() >= 2, "the flood's tasks run: " + running);
        for (Thread thread : running) {
            assertTrue(flood.owns(thread), () -> thread + " runs the flooder's code but is not its thread");
        }
        assertNull(flood.awaitExit(Duration.ZERO), "the flood runs until it is killed");

        assertKilledLeavingNothing(flood, "FloodCommonPool");
        assertEquals(42, ForkJoinPool.commonPool().submit(() -> 42).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aStageThatDependsOnATimeoutRunsOnTheSipsTimerAndDiesWithIt() throws Exception {
        var out = new CapturedOutput();
        Proc sip = spawn("TimeoutStageLoops", out);
        out.awaitText("stage running on ForkJoinPool.commonPool-delayScheduler\n", Duration.ofSeconds(20));

        List<Thread> running = threadsRunning("TimeoutStageLoops");
        assertEquals(1, running.size(), () -> "one thread runs the looping stage: " + running);
        assertTrue(sip.owns(running.getFirst()), () -> running.getFirst() + " runs the stage but is not the SIP's");
        assertTrue(running.getFirst().isDaemon(), "a timer thread is a daemon, as the JDK's is");

        assertKilledLeavingNothing(sip, "TimeoutStageLoops");
        // the host's own timeouts still fire on time
        var host = new CompletableFuture<String>().completeOnTimeout("fired", 20, TimeUnit.MILLISECONDS);
        assertEquals("fired", host.get(5, TimeUnit.SECONDS));
    }

    private static void assertKilledLeavingNothing(Proc sip, String program) throws InterruptedException {
        long start = System.nanoTime();
        assertTrue(sip.kill(KillCause.REQUESTED, "killed by the test"));
        ExitStatus status = sip.awaitExit(Duration.ofSeconds(10));
        long latency = System.nanoTime() - start;
        assertNotNull(status, () -> program + " escaped the kill: " + threadsRunning(program));
        assertEquals(ExitStatus.killed(KillCause.REQUESTED, "killed by the test"), status);
        assertTrue(latency < KILL_LATENCY_LIMIT.toNanos(), () -> program + " took " + latency / 1_000_000 + " ms to end");
        assertEquals(0, sip.threadCount(), () -> program + " left threads behind");
        assertEquals(List.of(), threadsRunning(program), "no thread runs the dead SIP's code");
    }

    /** Live platform threads with a frame of one of {@code program}'s classes. */
    private static List<Thread> threadsRunning(String program) {
        List<Thread> found = new ArrayList<>();
        for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
            if (Arrays.stream(entry.getValue()).anyMatch(f -> f.getClassName().equals(program)
                    || f.getClassName().startsWith(program + "$"))) {
                found.add(entry.getKey());
            }
        }
        return found;
    }

    private static Proc spawn(String program, CapturedOutput out) throws Exception {
        Path dir = Files.createDirectories(work.resolve(program));
        ProgramJar jar = ProgramJar.read(ProgramCompiler.compileResource("corpus/async/" + program + ".java", dir));
        SealedProgram sealed = Installer.standard().seal(jar, program, 0);
        return kernel.spawn(sealed, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, out)));
    }
}
