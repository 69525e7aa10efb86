package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.ProcessInfo;
import singj.kernel.proc.Sip;
import singj.services.console.Console;
import singj.services.console.Line;
import singj.services.console.LineRequest;
import singj.services.console.LineSource;
import singj.services.shell.CommandTable;
import singj.services.shell.Jobs;
import singj.services.shell.Session;
import singj.services.shell.Shell;

/**
 * Ctrl-C while a program runs in the foreground: the shell waits for the program on one channel to
 * the process manager and kills it over another, so the kill goes through while the wait goes on.
 */
class ShellInterruptTest {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

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

    @Test
    void ctrlCKillsTheForegroundProgramThroughTheProcessManager() throws Exception {
        SystemImage image = new SystemImage(work.resolve("image"));
        var err = new ByteArrayOutputStream();
        DefaultImage.refresh(image, Path.of(System.getProperty("singj.apps")), new PrintStream(err, true));
        var out = new ByteArrayOutputStream();
        var keyboard = new Keyboard();
        ImageProgramManager programs = new ImageProgramManager(image);
        try (Kernel kernel = Kernel.boot(new ImageAndJars(image, programs), KernelConfig.defaults())) {
            Console console = new Console(keyboard, out, err);
            Sip consoleSip = kernel.spawnSystem("console", console::run, SipOptions.of(Stdio.none()));
            console.serveOutput(kernel, consoleSip);
            Session session = new Session(kernel, console, programs, CommandTable.standard(), new Jobs());
            Sip shell = kernel.spawnSystem("shell", new Shell(session, "booted")::run, SipOptions.of(Stdio.none()));

            keyboard.typed.add(new Line.Text("run spin"));
            Sip spin = awaitProcess(kernel, "spin");
            // the shell takes Ctrl-C for spin once it has heard that spin started: press until it has
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

    private static Sip awaitProcess(Kernel kernel, String program) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            for (ProcessInfo p : kernel.processes()) {
                if (p.program().equals(program)) {
                    return kernel.process(p.pid()).orElseThrow();
                }
            }
            Thread.sleep(10);
        }
        throw new AssertionError(program + " did not start: " + kernel.processes());
    }
}
