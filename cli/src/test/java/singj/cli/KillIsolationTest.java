package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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

/**
 * A kill, or a quota, stops exactly one SIP: the others in the same JVM keep running, are not
 * starved by the runaways beside them, and end exactly as they would alone.
 */
class KillIsolationTest {
    private static final long MIB = 1024 * 1024;
    private static final List<String> COUNTER_ARGS = List.of("60", "7");

    @TempDir
    static Path work;
    private static Kernel kernel;
    private static Path counterJar;

    @BeforeAll
    static void boot() {
        kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults());
        counterJar = ProgramCompiler.compileResource("corpus/isolation/SteadyCounter.java", work);
    }

    @AfterAll
    static void shutDown() {
        kernel.close();
    }

    @Test
    void killingRunawaysLeavesTheSipsBesideThemRunning() throws Exception {
        var baseline = ProcessRunner.javaJar(counterJar, COUNTER_ARGS, "", Duration.ofSeconds(30));
        assertEquals(7, baseline.exitCode());

        List<Proc> runaways = new ArrayList<>();
        for (String name : List.of("TightLoop", "CatchThrowableLoop", "ThreadsOutliveMain", "SpinningVirtualThreads")) {
            Proc runaway = spawn(seal("corpus/runaway/" + name + ".java"), new CapturedOutput(), 0);
            runaways.add(runaway);
        }
        List<CapturedOutput> outputs = new ArrayList<>();
        List<Proc> counters = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            var out = new CapturedOutput();
            outputs.add(out);
            counters.add(kernel.spawn(seal(counterJar), SipOptions.of(new Stdio(java.io.InputStream.nullInputStream(), out, out),
                    COUNTER_ARGS.toArray(String[]::new))));
        }

        // the counters make progress while every runaway is still spinning
        for (CapturedOutput out : outputs) {
            out.awaitLines(10, Duration.ofSeconds(10));
        }
        for (Proc runaway : runaways) {
            assertNull(runaway.awaitExit(Duration.ZERO), runaway + " ended by itself");
            assertTrue(runaway.kill(KillCause.REQUESTED, "runaway"));
        }
        for (Proc runaway : runaways) {
            ExitStatus status = runaway.awaitExit(Duration.ofSeconds(5));
            assertEquals(ExitStatus.killed(KillCause.REQUESTED, "runaway"), status, runaway.toString());
            assertEquals(0, runaway.threadCount());
        }
        for (int i = 0; i < counters.size(); i++) {
            ExitStatus status = counters.get(i).awaitExit(Duration.ofSeconds(20));
            assertEquals(ExitStatus.exited(baseline.exitCode()), status, counters.get(i).toString());
            assertEquals(baseline.out(), outputs.get(i).text());
        }
        assertTrue(kernel.processes().isEmpty(), () -> "left in the process table: " + kernel.processes());
    }

    @Test
    void aSipHoardingLargeArraysIsKilledAtItsQuotaWhileAnotherRuns() throws Exception {
        assertKilledForMemoryBesideARunningCounter("corpus/isolation/HoardArrays.java");
    }

    @Test
    void aSipHoardingSmallObjectsIsKilledAtItsQuotaWhileAnotherRuns() throws Exception {
        assertKilledForMemoryBesideARunningCounter("corpus/isolation/HoardLinkedList.java");
    }

    @Test
    void aSipHoardingInShortLoopsThatEndInAThrowIsKilledAtItsQuotaWhileAnotherRuns() throws Exception {
        assertKilledForMemoryBesideARunningCounter("corpus/isolation/HoardThroughThrows.java");
    }

    @Test
    void aSipHoardingInTheFramesOfADeepRecursionIsKilledAtItsQuotaWhileAnotherRuns() throws Exception {
        assertKilledForMemoryBesideARunningCounter("corpus/isolation/HoardThroughRecursion.java");
    }

    @Test
    void aSipAllocatingFarMoreGarbageThanItsQuotaIsNotKilled() throws Exception {
        var out = new CapturedOutput();
        Proc sip = kernel.spawn(seal("corpus/isolation/GarbageHeavy.java"),
                SipOptions.of(new Stdio(java.io.InputStream.nullInputStream(), out, out), "1536").withMemoryQuota(64 * MIB));
        ExitStatus status = sip.awaitExit(Duration.ofSeconds(40));
        assertEquals(ExitStatus.exited(0), status, () -> "output: " + out.text());
        assertTrue(out.text().startsWith("allocated 1536 MiB, checksum "), out.text());
    }

    private void assertKilledForMemoryBesideARunningCounter(String hoarder) throws Exception {
        var counterOut = new CapturedOutput();
        Proc counter = kernel.spawn(seal(counterJar), SipOptions.of(
                new Stdio(java.io.InputStream.nullInputStream(), counterOut, counterOut), "300", "0"));
        var hoarderOut = new CapturedOutput();
        Proc sip = spawn(seal(hoarder), hoarderOut, 64 * MIB);

        ExitStatus status = sip.awaitExit(Duration.ofSeconds(30));
        assertNotNull(status, () -> hoarder + " was not stopped; it holds about " + sip.memoryEstimate() / MIB + " MiB");
        assertEquals(KillCause.MEMORY_QUOTA, status.killCause(), () -> status + "; output: " + hoarderOut.text());
        assertEquals(ExitStatus.KILLED, status.code());
        assertTrue(status.detail().contains("memory quota"), status.detail());
        assertEquals(0, sip.threadCount());
        assertNull(counter.awaitExit(Duration.ZERO), "the counter beside it is still running");

        ExitStatus counted = counter.awaitExit(Duration.ofSeconds(20));
        assertEquals(ExitStatus.exited(0), counted);
        assertEquals(300, counterOut.lines(), counterOut.text());
        assertTrue(counterOut.text().endsWith("count 300 sum 45150\n"), counterOut.text());
    }

    private static Proc spawn(SealedProgram program, CapturedOutput out, long quota) {
        var options = SipOptions.of(new Stdio(java.io.InputStream.nullInputStream(), out, out));
        return kernel.spawn(program, quota > 0 ? options.withMemoryQuota(quota) : options);
    }

    private static SealedProgram seal(String resource) throws Exception {
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        Path dir = Files.createDirectories(work.resolve(file.replace(".java", "")));
        return seal(ProgramCompiler.compileResource(resource, dir));
    }

    private static SealedProgram seal(Path jar) {
        ProgramJar program = ProgramJar.read(jar);
        return Installer.standard().seal(program, program.defaultName(), 0);
    }
}
