package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.host.HostRuntime;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;

/**
 * SIP main threads are virtual threads (on SingJ's carrier pool, the host runtime's SipThreadScheduler), which the JVM does not time-slice: computing SIPs must
 * not keep a new SIP from running, whether there are more of them than cores (the kernel adds
 * carrier threads, which the OS time-slices) or more than the kernel adds (it preempts them).
 */
class FairnessTest {
    @TempDir
    Path work;

    @Test
    void moreComputingSipsThanCoresGetCarriersOfTheirOwn() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        var scheduler = HostRuntime.ofThisJvm().sipThreads().carriers();
        assertANewSipRunsBeside(cores + 2, () -> {
            long deadline = System.nanoTime() + 3_000_000_000L;
            while (scheduler.parallelism() <= cores && System.nanoTime() < deadline) {
                Thread.sleep(20);
            }
            assertTrue(scheduler.parallelism() > cores,
                    scheduler.parallelism() + " carriers for " + (cores + 2) + " computing SIPs");
        });
    }

    @Test
    void computingSipsOnEveryCarrierThereCanBeArePreempted() throws Exception {
        long before = HostRuntime.ofThisJvm().carriers().preemptions();
        assertANewSipRunsBeside(HostRuntime.ofThisJvm().carriers().maxCarriers() + 2, () -> Thread.sleep(200));
        assertTrue(HostRuntime.ofThisJvm().carriers().preemptions() > before, "the kernel asked the spinning SIPs to yield");
    }

    /** What a test does while the SIPs spin, before the new SIP starts. */
    @FunctionalInterface
    private interface WhileTheySpin {
        void run() throws InterruptedException;
    }

    private void assertANewSipRunsBeside(int spinning, WhileTheySpin whileTheySpin) throws Exception {
        Installer installer = Installer.standard();
        SealedProgram spinner = installer.seal(
                ProgramJar.read(ProgramCompiler.compileResource("corpus/isolation/Spinner.java", work)), "spinner", 0);
        SealedProgram hello = installer.seal(
                ProgramJar.read(ProgramCompiler.compileResource("corpus/ordinary/HelloWorld.java", work)), "hello", 0);
        try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
            List<Proc> spinners = new ArrayList<>();
            for (int i = 0; i < spinning; i++) {
                spinners.add(kernel.spawn(spinner, SipOptions.of(Stdio.none())));
            }
            whileTheySpin.run();
            var out = new ByteArrayOutputStream();
            Proc greeter = kernel.spawn(hello, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err)));
            // starved, it would never finish; how soon it does depends on what else the machine runs
            // (5 s was not enough with 30 other runnable threads on 2 cores)
            ExitStatus status = greeter.awaitExit(Duration.ofSeconds(20));
            assertNotNull(status, "hello did not finish beside " + spinners.size() + " computing SIPs; it printed: " + out + " state " + greeter.state());
            assertEquals(0, status.code());
            assertEquals("Hello, world!\n", out.toString(StandardCharsets.UTF_8));
            for (Proc s : spinners) {
                s.kill(KillCause.REQUESTED, "test over");
            }
            for (Proc s : spinners) {
                assertNotNull(s.awaitExit(Duration.ofSeconds(2)), s + " did not die");
            }
        }
    }
}
