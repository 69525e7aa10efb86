package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
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
import singj.kernel.proc.Proc;
import singj.services.console.Console;
import singj.services.console.PlainLineSource;

/**
 * The kernel's process manager is a service like any other, at a system name no user program is
 * granted (GrantsAndQuotasTest tries harder); at /process/children a SIP starts its own children
 * by the same contract.
 */
class ProcessControlTest {
    @TempDir
    Path work;

    @Test
    void aSipWithoutTheGrantIsRefusedAtRunTime() throws Exception {
        SealedProgram manager = seal(Map.of());
        try (Kernel kernel = Kernel.boot(new SystemImage(work.resolve("image")), KernelConfig.defaults())) {
            var out = new ByteArrayOutputStream();
            Proc sip = kernel.spawn(manager, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err), "1"));
            assertEquals(0, sip.awaitExit(Duration.ofSeconds(10)).code(), out.toString());
            assertTrue(out.toString(StandardCharsets.UTF_8).contains("denied: pid " + sip.pid()
                    + " (task-manager) may not open /kernel/processes: it was not granted it (registers nothing; opens nothing)"),
                    out.toString());
        }
    }

    @Test
    void aGrantedSipStartsAProgramGivesItArgumentsAndInputAndHearsHowItEnded() throws Exception {
        Path launcherJar = ProgramCompiler.compile("Launcher", Map.of("Launcher.java",
                CorpusFiles.read("corpus/process-control/Launcher.java")), work.resolve("launcher"),
                Map.of("SingJ-Opens", "/process/children"));
        SealedProgram launcher = Installer.standard().seal(ProgramJar.read(launcherJar), "launcher", 0);
        SystemImage image = new SystemImage(work.resolve("image"));
        image.store(Installer.standard().seal(
                ProgramJar.read(ProgramCompiler.compileResource("corpus/process-control/Child.java", work)), "child", 0), "test", "-");
        var console = new ByteArrayOutputStream();
        try (Kernel kernel = Kernel.boot(image, KernelConfig.defaults())) {
            // the child's output goes to the console service, as in the shell
            Console consoleService = new Console(new PlainLineSource(InputStream.nullInputStream()), console, console);
            consoleService.serveOutput(kernel, kernel.spawnSystem("console", consoleService::run, SipOptions.of(Stdio.none())));
            var out = new ByteArrayOutputStream();
            Proc sip = kernel.spawn(launcher, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err), "child"));
            assertEquals(0, sip.awaitExit(Duration.ofSeconds(10)).code(), out.toString());
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("unknown: Refused[reason=no program named 'no-such-program'"), printed);
            assertTrue(printed.contains("wrong input: Refused[reason=standard input must come over a channel of "
                    + "singj.abi.TerminalInput, not of singj.abi.ProcessControl]"), printed);
            assertTrue(printed.contains("spawned: child\ninput still mine: false\n"), printed);
            assertTrue(printed.contains("input closed after 2 reads\nexited: code 3 []\n"), printed);
            assertTrue(kernel.processes().stream().noneMatch(p -> p.program().equals("child")), kernel.processes().toString());
        }
        assertEquals("arg [one]\narg [two words]\narg []\nread HELLO\nread WORLD\n", console.toString(StandardCharsets.UTF_8));
    }

    private SealedProgram seal(Map<String, String> attributes) {
        Path jar = ProgramCompiler.compile("TaskManager", Map.of("TaskManager.java",
                CorpusFiles.read("corpus/process-control/TaskManager.java")), work.resolve("tm" + attributes.size()), attributes);
        return Installer.standard().seal(ProgramJar.read(jar), "task-manager", 0);
    }
}
