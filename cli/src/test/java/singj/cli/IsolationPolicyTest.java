package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.cli.testing.ProgramCompiler;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.installer.Violation;
import singj.kernel.IsolationPolicy;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.KernelException;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.Proc;

/**
 * Isolation asked for in the manifest ({@code SingJ-Isolation}) and granted or refused by the
 * system's policy (docs/isolation.md, "Isolation by policy"), judged from outside: whether a
 * child JVM runs while the SIP does, and what the kernel holds after a refusal.
 */
class IsolationPolicyTest {
    private static final String WAITS = """
            public class Waits {
                public static void main(String[] args) throws Exception {
                    System.out.println("started");
                    System.in.read();
                    System.out.println("done");
                }
            }
            """;

    @TempDir
    Path work;
    private SystemImage image;
    private Kernel kernel;

    @BeforeEach
    void boot() {
        image = new SystemImage(work.resolve("image"));
        kernel = Kernel.boot(image, KernelConfig.defaults());
    }

    @AfterEach
    void shutDown() throws InterruptedException {
        kernel.close();
        ProcessLeftovers.assertNone();
    }

    /** Installed, stored and loaded again: the manifest's ask survives the image, and spawn grants it. */
    @Test
    void aProgramThatAsksForAProcessGetsOne() throws Exception {
        install("loner", Map.of("SingJ-Isolation", "process"));
        assertTrue(runsInAProcess("loner"), "it ran in a child JVM");
    }

    @Test
    void underAStrictPolicyOnlyTrustedProgramsRunInTheKernelsJvm() throws Exception {
        install("trusted", Map.of());
        install("stranger", Map.of());
        kernel.setIsolationPolicy(IsolationPolicy.trusting(Set.of("trusted")));
        assertEquals(false, runsInAProcess("trusted"));
        assertTrue(runsInAProcess("stranger"), "a program the policy does not trust gets a process of its own");
    }

    /** The hostile manifest: it asks for less isolation than the policy requires, and is refused before anything starts. */
    @Test
    void aManifestAskingForTheKernelsJvmAgainstThePolicyIsRefused() throws Exception {
        install("sneaky", Map.of("SingJ-Isolation", "in-process"));
        kernel.setIsolationPolicy(IsolationPolicy.trusting(Set.of("trusted")));
        int processes = kernel.processes().size();
        KernelException refused = assertThrows(KernelException.class,
                () -> kernel.spawn("sneaky", SipOptions.of(Stdio.none())));
        assertEquals("program sneaky asks to run in the kernel's JVM (SingJ-Isolation: in-process in its manifest), but the "
                + "system's policy runs the programs it does not trust in a process of their own: install it without that "
                + "attribute, or have the system trust it", refused.getMessage());
        assertEquals(processes, kernel.processes().size(), "nothing started");
        assertEquals(List.of(), ProcessLeftovers.find());
        // under the open policy the same ask is granted
        kernel.setIsolationPolicy(IsolationPolicy.OPEN);
        assertEquals(false, runsInAProcess("sneaky"));
    }

    @Test
    void anIsolationThatIsNoneIsAClearInstallError() {
        Path jar = ProgramCompiler.compile("Waits", Map.of("Waits.java", WAITS), work.resolve("bad"), Map.of("SingJ-Isolation", "vm"));
        List<String> problems = Installer.standard().verify(ProgramJar.read(jar)).violations().stream()
                .map(Violation::toString).toList();
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("SingJ-Isolation: \"vm\" is not an isolation (write process or in-process)"),
                problems.toString());
    }

    private void install(String name, Map<String, String> attributes) {
        Path jar = ProgramCompiler.compile("Waits", Map.of("Waits.java", WAITS), work.resolve(name), attributes);
        image.store(Installer.standard().seal(ProgramJar.read(jar), name, 0), "test", "-");
    }

    /** Starts the installed program with kernel.spawn, and says whether a child JVM ran it; it exits 0 either way. */
    private boolean runsInAProcess(String name) throws Exception {
        var in = new PipedInputStream();
        var feed = new PipedOutputStream(in);
        var out = new ByteArrayOutputStream();
        Proc sip = kernel.spawn(name, SipOptions.of(new Stdio(in, out, System.err)));
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!out.toString(StandardCharsets.UTF_8).contains("started") && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        boolean child = ProcessLeftovers.find().stream().anyMatch(left -> left.startsWith("child JVM"));
        feed.write('\n');
        feed.close();
        assertEquals(0, sip.awaitExit(Duration.ofSeconds(30)).code(), out.toString(StandardCharsets.UTF_8));
        assertEquals("started\ndone\n", out.toString(StandardCharsets.UTF_8));
        return child;
    }
}
