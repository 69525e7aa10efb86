package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
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
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.ProcessInfo;
import singj.kernel.proc.Proc;
import singj.kernel.proc.SipState;
import singj.services.InstallerServer;
import singj.services.console.Console;
import singj.services.console.Line;
import singj.services.console.LineRequest;
import singj.services.console.LineSource;

/**
 * The shell as a sealed SIP: the image's program, started as {@code singj boot} starts it, on a
 * keyboard the test types into. Ctrl-C reaches the foreground program through the console's
 * channel and the process manager; a killed shell leaves the system running and a new shell
 * reads on; a program that asks for the shell's system names gets none of them.
 */
class ShellSipTest {
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @TempDir
    Path work;

    /** Lines typed one at a time, and a Ctrl-C key the test presses. */
    private static final class Keyboard implements LineSource {
        final BlockingQueue<Line> typed = new LinkedBlockingQueue<>();
        volatile Runnable ctrlC = () -> {};

        @Override
        public Line read(LineRequest request) {
            try {
                return typed.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Line.CLOSED;
            }
        }

        @Override
        public boolean interactive() {
            return false;
        }

        @Override
        public void onInterrupt(Runnable handler) {
            ctrlC = handler;
        }

        @Override
        public void close() {}
    }

    /** The system as {@code singj boot} brings it up, without the disk: the console on {@code keyboard}, the installer. */
    private void bootSystem(Kernel kernel, Keyboard keyboard, ByteArrayOutputStream out, ByteArrayOutputStream err,
                                   ImageProgramManager programs) {
        Console console = new Console(keyboard, out, err);
        Proc consoleSip = kernel.spawnSystem("console", console::run, SipOptions.of(Stdio.none()));
        console.serveOutput(kernel, consoleSip);
        console.serveControl(kernel, consoleSip, commands -> {});
        InstallerServer.start(kernel, programs);
    }

    private SystemImage defaultImage(ByteArrayOutputStream err) {
        SystemImage image = new SystemImage(work.resolve("image"));
        DefaultImage.refresh(image, Path.of(System.getProperty("singj.apps")), new PrintStream(err, true));
        return image;
    }

    @Test
    void ctrlCKillsTheForegroundProgramThroughTheConsoleAndTheProcessManager() throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        SystemImage image = defaultImage(err);
        var keyboard = new Keyboard();
        ImageProgramManager programs = new ImageProgramManager(image);
        try (Kernel kernel = Kernel.boot(new ImageAndJars(image, programs), KernelConfig.defaults())) {
            bootSystem(kernel, keyboard, out, err, programs);
            Proc shell = DefaultImage.startShell(kernel, image, "booted", new PrintStream(err, true));
            assertNotNull(shell, err.toString(StandardCharsets.UTF_8));
            assertTrue(shell.isSystem(), "the image's shell runs as a system SIP");

            keyboard.typed.add(new Line.Text("run spin"));
            Proc spin = awaitProcess(kernel, "spin", 0);
            // the shell takes Ctrl-C for spin once it has handed the console spin's input: press until it has
            ExitStatus spun = null;
            for (long deadline = System.nanoTime() + PATIENCE.toNanos(); spun == null && System.nanoTime() < deadline; ) {
                keyboard.ctrlC.run();
                spun = spin.awaitExit(Duration.ofMillis(100));
            }
            assertNotNull(spun, "Ctrl-C did not stop spin");
            assertTrue(spun.wasKilled(), "spin ended by itself: " + spun);
            keyboard.typed.add(new Line.Text("exit"));
            assertNotNull(shell.awaitExit(PATIENCE), "the shell did not exit");
            String said = err.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("[pid " + spin.pid() + " killed: killed by the shell]\n"), said);
            assertEquals(0, kernel.processes().stream().filter(p -> p.program().equals("spin")).count());
        }
    }

    @Test
    void aKilledShellLeavesTheSystemRunningAndANewShellReadsOn() throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        SystemImage image = defaultImage(err);
        var keyboard = new Keyboard();
        ImageProgramManager programs = new ImageProgramManager(image);
        try (Kernel kernel = Kernel.boot(new ImageAndJars(image, programs), KernelConfig.defaults())) {
            bootSystem(kernel, keyboard, out, err, programs);
            PrintStream errors = new PrintStream(err, true);
            CompletableFuture<Integer> boot = CompletableFuture.supplyAsync(() -> {
                try {
                    return BootCommand.runShell(kernel, image, "booted", errors);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            keyboard.typed.add(new Line.Text("run spin &"));
            Proc spin = awaitProcess(kernel, "spin", 0);
            Proc first = awaitProcess(kernel, "shell", 0);
            // the shell now waits for its next line at the console: kill it there
            assertTrue(kernel.kill(first.pid(), KillCause.REQUESTED, "killed by the test"));
            assertNotNull(first.awaitExit(PATIENCE), "the shell did not die");
            Proc second = awaitProcess(kernel, "shell", first.pid());
            assertNotEquals(first.pid(), second.pid());

            // the kernel, the console and the background SIP the first shell started run on
            assertEquals(SipState.RUNNING, spin.state());
            assertNull(spin.awaitExit(Duration.ofMillis(200)), "spin ended with the shell");
            assertTrue(kernel.processes().stream().anyMatch(p -> p.program().equals("console")), kernel.processes().toString());
            // the line typed next goes to the new shell, not to the dead one's read
            keyboard.typed.add(new Line.Text("ps"));
            keyboard.typed.add(new Line.Text("kill " + spin.pid()));
            assertNotNull(spin.awaitExit(PATIENCE), "the new shell did not kill spin: " + out.toString(StandardCharsets.UTF_8));
            keyboard.typed.add(new Line.Text("exit"));
            assertEquals(0, boot.get(PATIENCE.toSeconds(), TimeUnit.SECONDS));

            String said = err.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("singj: the shell (pid " + first.pid() + ") was killed: killed by the test; starting a new one\n"),
                    said);
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("SingJ shell restarted; type 'help'"), printed);
            assertTrue(printed.lines().anyMatch(l -> l.matches("\\s+" + spin.pid() + "  spin\\s+RUNNING.*")), printed);
        }
    }

    @Test
    void aProgramAskingForTheShellsSystemNamesGetsNoneOfThem() throws Exception {
        Path jar = ProgramCompiler.compile("ShellImpostor", Map.of("ShellImpostor.java",
                        CorpusFiles.read("corpus/grants/ShellImpostor.java")), work.resolve("impostor"),
                Map.of("SingJ-Opens", "/kernel/status /kernel/programs /kernel/console /kernel/*",
                        "SingJ-Registers", "/kernel/console2"));
        SealedProgram impostor = Installer.standard().seal(ProgramJar.read(jar), "impostor", 0);
        var err = new ByteArrayOutputStream();
        SystemImage image = defaultImage(err);
        ImageProgramManager programs = new ImageProgramManager(image);
        try (Kernel kernel = Kernel.boot(new ImageAndJars(image, programs), KernelConfig.defaults())) {
            bootSystem(kernel, new Keyboard(), new ByteArrayOutputStream(), err, programs);
            var out = new ByteArrayOutputStream();
            var refusals = new ByteArrayOutputStream();
            Proc sip = kernel.spawn(impostor, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, refusals)));
            ExitStatus status = sip.awaitExit(PATIENCE);
            String printed = out.toString(StandardCharsets.UTF_8);
            assertNotNull(status, printed);
            assertEquals(0, status.code(), printed + refusals);
            List<String> lines = printed.lines().toList();
            assertEquals(4, lines.size(), printed);
            assertTrue(lines.stream().allMatch(l -> l.startsWith("denied: pid " + sip.pid() + " (impostor) may not ")), printed);
            // told at start that /kernel/ names go only to system programs, for each it asked
            String told = refusals.toString(StandardCharsets.UTF_8);
            for (String name : List.of("/kernel/status", "/kernel/programs", "/kernel/console", "/kernel/*", "/kernel/console2")) {
                assertTrue(told.contains(" " + name + ", not granted: names under /kernel/ go only to system programs"), told);
            }
            ProcessInfo row = kernel.processes().stream().filter(p -> p.pid() == sip.pid()).findFirst().orElse(null);
            assertNull(row, "the impostor is gone");
            assertFalse(kernel.ipc().names().list().stream().anyMatch(n -> n.name().equals("/kernel/console2")));
        }
    }

    @Test
    void theImagesShellStartedAsAnOrdinaryProgramGetsNoSystemName() throws Exception {
        var err = new ByteArrayOutputStream();
        SystemImage image = defaultImage(err);
        ImageProgramManager programs = new ImageProgramManager(image);
        try (Kernel kernel = Kernel.boot(new ImageAndJars(image, programs), KernelConfig.defaults())) {
            bootSystem(kernel, new Keyboard(), new ByteArrayOutputStream(), err, programs);
            // what 'run shell' in the shell, or a program granted /process/children, would start
            var out = new ByteArrayOutputStream();
            var said = new ByteArrayOutputStream();
            Proc sip = kernel.spawn(image.load(DefaultImage.SHELL), SipOptions.of(new Stdio(InputStream.nullInputStream(), out, said)));
            ExitStatus status = sip.awaitExit(PATIENCE);
            assertNotNull(status, "the shell without its grants did not end");
            String told = said.toString(StandardCharsets.UTF_8);
            assertEquals(1, status.code(), told);
            assertFalse(sip.isSystem());
            for (String name : List.of("/kernel/processes", "/kernel/status", "/kernel/programs", "/kernel/console")) {
                assertTrue(told.contains("asked to open " + name + ", not granted: names under /kernel/ go only to system programs"), told);
            }
            assertTrue(told.contains("singj: the console is gone (pid " + sip.pid() + " (shell) may not open /kernel/console"), told);
        }
    }

    @Test
    void aProgramAPersonInstalledAsShellIsNotStartedAsTheShell() throws Exception {
        var err = new ByteArrayOutputStream();
        SystemImage image = new SystemImage(work.resolve("image"));
        Path jar = ProgramCompiler.compileResource("corpus/boot/ExitThree.java", work);
        ProgramInstaller.install(image, jar, DefaultImage.SHELL, null, 0);
        try (Kernel kernel = Kernel.boot(image, KernelConfig.defaults())) {
            assertNull(DefaultImage.startShell(kernel, image, "booted", new PrintStream(err, true)));
            assertEquals("singj: no shell: the program 'shell' in the image was not installed by the default image\n",
                    err.toString(StandardCharsets.UTF_8));
            assertTrue(kernel.processes().isEmpty(), kernel.processes().toString());
        }
    }

    /** A SIP of {@code program} other than pid {@code not}, once it runs. */
    /**
     * {@code run -p}: the shell's program in a JVM process of its own, on the console as any: it
     * reads the console's input and writes to the console, and a child JVM runs it meanwhile.
     */
    @Test
    void runDashPRunsTheProgramInAProcessOfItsOwnOnTheConsole() throws Exception {
        var out = new ByteArrayOutputStream();
        var err = new ByteArrayOutputStream();
        SystemImage image = defaultImage(err);
        var keyboard = new Keyboard();
        ImageProgramManager programs = new ImageProgramManager(image);
        try (Kernel kernel = Kernel.boot(new ImageAndJars(image, programs), KernelConfig.defaults())) {
            bootSystem(kernel, keyboard, out, err, programs);
            Proc shell = DefaultImage.startShell(kernel, image, "booted", new PrintStream(err, true));
            assertNotNull(shell, err.toString(StandardCharsets.UTF_8));

            keyboard.typed.add(new Line.Text("run -p --dir=.:/work echo"));
            keyboard.typed.add(new Line.Text("run -p echo one two"));
            Proc echo = awaitProcess(kernel, "echo", 0);
            // the SIP is in the table before its JVM has started: wait for the JVM
            boolean child = false;
            for (long deadline = System.nanoTime() + PATIENCE.toNanos(); !child && System.nanoTime() < deadline; ) {
                child = ProcessLeftovers.find().stream().anyMatch(left -> left.startsWith("child JVM"));
                Thread.sleep(20);
            }
            assertTrue(child, "a child JVM runs it: " + ProcessLeftovers.find());
            keyboard.typed.add(new Line.Text("first line"));
            keyboard.typed.add(new Line.End()); // Ctrl-D
            ExitStatus status = echo.awaitExit(PATIENCE);
            assertNotNull(status, "echo did not end: " + out);
            assertEquals(0, status.code(), out + "\n" + err);
            keyboard.typed.add(new Line.Text("exit"));
            assertNotNull(shell.awaitExit(PATIENCE), "the shell did not exit");
            String printed = out.toString(StandardCharsets.UTF_8);
            assertTrue(printed.contains("args: one two\n  1  first line\n"), printed);
            assertFalse(printed.contains("  2  "), printed);
            String said = err.toString(StandardCharsets.UTF_8);
            assertTrue(said.contains("cannot start echo in a process of its own: host directories (--dir, --dir-rw) are not "
                    + "granted to a process SIP yet"), said);
        }
        ProcessLeftovers.assertNone();
    }

    private static Proc awaitProcess(Kernel kernel, String program, int not) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (ProcessInfo p : kernel.processes()) {
                if (p.program().equals(program) && p.pid() != not) {
                    return kernel.process(p.pid()).orElseThrow();
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError(program + " did not start: " + kernel.processes());
    }
}
