package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.CapturedOutput;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.KernelException;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.host.HostRuntime;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;

/**
 * Two kernels in one JVM, as an embedding host runs them, share only their {@link HostRuntime}:
 * a kill, a memory quota or the heap guard acting on one kernel's SIPs leaves the other's running,
 * and once one kernel shuts down, nothing of its SIPs is left in what they share, while the other
 * keeps working.
 */
class TwoKernelsTest {
    private static final long MIB = 1024 * 1024;

    @TempDir
    Path work;

    @Test
    void kernelsSharingAHostRuntimeReachOnlyTheirOwnSips() throws Exception {
        try (HostRuntime host = HostRuntime.start();
             Kernel first = Kernel.boot(new SystemImage(work.resolve("first")), KernelConfig.defaults(), host);
             Kernel second = Kernel.boot(new SystemImage(work.resolve("second")), KernelConfig.defaults(), host)) {
            var counterOut = new CapturedOutput();
            Proc counter = second.spawn(seal("corpus/isolation/SteadyCounter.java"),
                    SipOptions.of(new Stdio(InputStream.nullInputStream(), counterOut, counterOut), "1500", "0"));
            Proc spinner = first.spawn(seal("corpus/runaway/TightLoop.java"), quiet());

            // pids are each kernel's own: the same number names a different SIP in each
            assertEquals(counter.pid(), spinner.pid());
            assertNotSame(spinner, second.process(spinner.pid()).orElseThrow());
            assertTrue(first.kill(spinner.pid(), KillCause.REQUESTED, "the first kernel's kill"));
            assertEquals(ExitStatus.killed(KillCause.REQUESTED, "the first kernel's kill"), spinner.awaitExit(Duration.ofSeconds(5)));
            assertNull(counter.awaitExit(Duration.ZERO), "the second kernel's SIP of the same pid runs on");
            assertFalse(first.kill(counter.pid(), KillCause.REQUESTED, "no such SIP here"), "the first kernel cannot reach it");

            // a memory quota kills the hoarder of the first kernel, not the counter of the second
            Proc hoarder = first.spawn(seal("corpus/isolation/HoardArrays.java"), quiet().withMemoryQuota(64 * MIB));
            ExitStatus hoarded = hoarder.awaitExit(Duration.ofSeconds(30));
            assertNotNull(hoarded, () -> "the hoarder was not stopped; it holds about " + hoarder.memoryEstimate() / MIB + " MiB");
            assertEquals(KillCause.MEMORY_QUOTA, hoarded.killCause(), hoarded::toString);
            assertNull(counter.awaitExit(Duration.ZERO), "the counter runs on");

            // the heap guard picks the SIP holding the most, whichever kernel runs it, and only that one
            var holderOut = new CapturedOutput();
            Proc holder = first.spawn(seal("corpus/isolation/HoldsAndWaits.java"),
                    SipOptions.of(new Stdio(InputStream.nullInputStream(), holderOut, holderOut), "48"));
            holderOut.awaitText("holding 48 MiB\n", Duration.ofSeconds(20));
            assertTrue(host.killLargest("a test asks"));
            ExitStatus guarded = holder.awaitExit(Duration.ofSeconds(5));
            assertNotNull(guarded);
            assertTrue(guarded.detail().contains("holds the most"), guarded::toString);
            assertNull(counter.awaitExit(Duration.ZERO), "the counter runs on");

            // the first kernel shuts down with a SIP still running; nothing of it stays in the host runtime
            Proc left = first.spawn(seal("corpus/runaway/TightLoop.java"), quiet());
            WeakReference<ClassLoader> leftClasses = left.classLoaderReference();
            first.close();
            assertEquals(KillCause.SHUTDOWN, left.awaitExit(Duration.ofSeconds(5)).killCause());
            assertEquals(1, host.openAccounts(), "only the counter's memory account is open");
            assertEquals(1, host.carriers().watched(), "only the counter is watched for its carriers");
            for (int attempt = 0; attempt < 20 && leftClasses.get() != null; attempt++) {
                System.gc();
                Thread.sleep(50);
            }
            assertNull(leftClasses.get(), "the shut-down kernel's SIP's classes are unreachable");
            assertThrows(KernelException.class, () -> first.spawn(seal("corpus/ordinary/HelloWorld.java"), quiet()));

            // the second kernel keeps working
            var helloOut = new CapturedOutput();
            Proc hello = second.spawn(seal("corpus/ordinary/HelloWorld.java"),
                    SipOptions.of(new Stdio(InputStream.nullInputStream(), helloOut, helloOut)));
            assertEquals(ExitStatus.exited(0), hello.awaitExit(Duration.ofSeconds(10)));
            assertEquals("Hello, world!\n", helloOut.text());
            assertEquals(ExitStatus.exited(0), counter.awaitExit(Duration.ofSeconds(30)));
            assertTrue(counterOut.text().endsWith("count 1500 sum 1125750\n"), counterOut.text());
            assertEquals(List.of(), second.processes());
            assertEquals(0, host.openAccounts());
        }
    }

    /**
     * A kill that needs the JVMTI library (the SIP is inside the JDK's regex matcher) works in a
     * kernel on the JVM's own host runtime and in one on a host runtime of its own, in either
     * order: the library is loaded once per JVM, never a second copy whose JVMTI environment would
     * lack the capabilities (that crashed the JVM in the reaper's first suspend).
     */
    @Test
    void forcedStopsWorkUnderEveryHostRuntimeOfTheJvm() throws Exception {
        SealedProgram regex = seal("corpus/runaway/RegexBacktracking.java");
        try (HostRuntime own = HostRuntime.start();
             Kernel onOwn = Kernel.boot(new SystemImage(work.resolve("own")), KernelConfig.defaults(), own);
             Kernel onJvms = Kernel.boot(new SystemImage(work.resolve("jvms")), KernelConfig.defaults())) {
            for (Kernel kernel : List.of(onOwn, onJvms, onOwn)) {
                var out = new CapturedOutput();
                Proc sip = kernel.spawn(regex, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, out)));
                out.awaitText("running\n", Duration.ofSeconds(10));
                assertTrue(sip.kill(KillCause.REQUESTED, "in the matcher"));
                assertEquals(ExitStatus.killed(KillCause.REQUESTED, "in the matcher"), sip.awaitExit(Duration.ofSeconds(5)),
                        () -> sip + " still " + sip.state() + ": " + sip.holdUp());
                assertEquals(0, sip.threadCount());
            }
        }
    }

    private static SipOptions quiet() {
        return SipOptions.of(Stdio.none());
    }

    private SealedProgram seal(String resource) throws Exception {
        String file = resource.substring(resource.lastIndexOf('/') + 1);
        Path dir = Files.createDirectories(work.resolve(file.replace(".java", "")));
        ProgramJar program = ProgramJar.read(ProgramCompiler.compileResource(resource, dir));
        return Installer.standard().seal(program, program.defaultName(), 0);
    }
}
