package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.CapturedOutput;
import singj.cli.testing.EndlessInput;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;
import singj.kernel.proc.SipState;

/**
 * Programs whose threads wait where the JVM delivers no exception: for a class another of their
 * threads is initialising, or for a monitor another holds. No kill can end those threads; the
 * kernel says so, gives back what the SIP held, keeps it listed as STOPPING with the reason, and
 * the threads burn no CPU.
 */
class StuckProgramsTest {
    @TempDir
    Path work;

    @Test
    void aSipTheJvmCannotInterruptStaysListedWithTheReasonAndBurnsNothing() throws Exception {
        Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults());
        try {
            List<Proc> stuck = new ArrayList<>();
            for (String name : List.of("ThreadsDeadlockedInClassInit", "ThreadsDeadlockedOnMonitors")) {
                Path dir = Files.createDirectories(work.resolve(name));
                var program = Installer.standard().seal(
                        ProgramJar.read(ProgramCompiler.compileResource("corpus/stuck/" + name + ".java", dir)), name, 0);
                var out = new CapturedOutput();
                Proc sip = kernel.spawn(program, SipOptions.of(new Stdio(new EndlessInput(), out, new CapturedOutput())));
                out.awaitText("running\n", Duration.ofSeconds(10));
                stuck.add(sip);
            }
            Thread.sleep(600); // both pairs deadlocked by now (each thread sleeps 200 ms first)
            for (Proc sip : stuck) {
                assertTrue(sip.kill(KillCause.REQUESTED, "killed by the test"));
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            for (Proc sip : stuck) {
                while ((sip.holdUp() == null || !sip.holdings().isEmpty()) && System.nanoTime() < deadline) {
                    Thread.sleep(50);
                }
                assertNull(sip.awaitExit(Duration.ZERO), sip + " cannot have ended");
                assertEquals(SipState.STOPPING, sip.state());
                assertTrue(kernel.processes().stream().anyMatch(p -> p.pid() == sip.pid() && p.state() == SipState.STOPPING
                                && p.holdUp().contains("has not unwound")),
                        () -> sip + " is listed with why it is still stopping: " + kernel.processes());
                assertTrue(sip.holdUp() != null && sip.holdUp().contains("has not unwound"), () -> sip + ": " + sip.holdUp());
                assertTrue(sip.holdings().isEmpty(), () -> sip + " still holds " + sip.holdings().summary());
            }
            var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
            long cpuBefore = os.getProcessCpuTime();
            long wallBefore = System.nanoTime();
            Thread.sleep(1000);
            double cores = (double) (os.getProcessCpuTime() - cpuBefore) / (System.nanoTime() - wallBefore);
            assertTrue(cores < 0.5, "the stuck SIPs' threads burn " + cores + " cores");

            // the rest of the system is unharmed: a new SIP runs on the virtual-thread carriers
            Path dir = Files.createDirectories(work.resolve("after"));
            var hello = Installer.standard().seal(ProgramJar.read(ProgramCompiler.compileResource(
                    "corpus/ordinary/HelloWorld.java", dir)), "HelloWorld", 0);
            var out = new CapturedOutput();
            Proc after = kernel.spawn(hello, SipOptions.of(new Stdio(new EndlessInput(), out, new CapturedOutput())));
            assertTrue(after.awaitExit(Duration.ofSeconds(10)) != null, "a new SIP ran to its end");
        } finally {
            kernel.close();
        }
    }
}
