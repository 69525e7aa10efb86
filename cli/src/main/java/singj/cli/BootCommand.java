package singj.cli;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;
import singj.services.InstallerServer;
import singj.services.ProgramManager;
import singj.services.console.CommandCompleter;
import singj.services.console.Console;
import singj.services.console.JLineSource;
import singj.services.console.LineSource;
import singj.services.console.PlainLineSource;

@Command(name = "boot", description = {
        "Boots the kernel with the system SIPs (console, shell) and opens the SingJ shell.",
        "The disk driver serves the image's disk (IMAGE/disks/disk0.img, 64 MiB, made on first boot) at /dev/disk0.",
        "The example programs (hello, echo, wordcount, spin, echo-server, echo-client, pipe-*) are installed in the image at boot if missing.",
        "With piped input the shell reads one command per line, prints no prompt, and shuts down at the end."})
final class BootCommand implements Callable<Integer> {
    static final String VERSION = "0.1.0";

    private final Terminal terminal;

    @Mixin
    ImageOption image = new ImageOption();

    BootCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws Exception {
        long start = System.nanoTime();
        SystemImage systemImage = image.open();
        ProgramManager programs = new ImageProgramManager(systemImage);
        try (Kernel kernel = Kernel.boot(new ImageAndJars(systemImage, programs), KernelConfig.defaults())) {
            CommandCompleter completer = new CommandCompleter(kernel, programs);
            // opening a terminal takes JLine a second or so: do it while the default image is brought up to date
            CompletableFuture<LineSource> opening = CompletableFuture.supplyAsync(() -> openLineSource(
                    completer, systemImage.root().resolve("shell-history")));
            DefaultImage.refresh(systemImage, DefaultImage.appsDirectory(), terminal.err());
            try (LineSource source = opening.join()) {
                Console console = new Console(source, terminal.out(), terminal.err());
                Proc consoleSip = kernel.spawnSystem("console", console::run, SipOptions.of(Stdio.none()));
                console.serveOutput(kernel, consoleSip); // before the shell can start anything that prints
                console.serveControl(kernel, consoleSip, completer::commands);
                InstallerServer.start(kernel, programs);
                Stdio hostStreams = new Stdio(java.io.InputStream.nullInputStream(), terminal.out(), terminal.err());
                if (DefaultImage.startDisk(kernel, systemImage, hostStreams, terminal.err()) != null) {
                    DefaultImage.startFileSystem(kernel, systemImage, hostStreams, terminal.err());
                }
                String banner = banner(start, kernel, systemImage.names().size());
                int code = runShell(kernel, systemImage, banner, terminal.err());
                DefaultImage.syncFileSystem(kernel, terminal.err()); // before the kernel stops the file system with the rest
                return code;
            }
        }
    }

    /** How many times a killed shell is replaced before the system gives up and shuts down. */
    static final int SHELL_RESTARTS = 3;

    /**
     * Runs the image's shell until it ends by itself ({@code exit}, the end of input): its exit
     * code is the system's. A shell that is killed (it is a SIP like any: its memory quota, a
     * fault) does not take the system with it: {@code err} says so, and a new shell reads on.
     */
    static int runShell(Kernel kernel, SystemImage image, String banner, java.io.PrintStream err) throws InterruptedException {
        for (int restarts = 0; ; restarts++) {
            Proc shell = DefaultImage.startShell(kernel, image, banner, err);
            if (shell == null) {
                return 1;
            }
            ExitStatus status = shell.awaitExit();
            if (!status.wasKilled() || status.killCause() == KillCause.SHUTDOWN) {
                return status.wasKilled() ? 0 : status.code();
            }
            boolean again = restarts < SHELL_RESTARTS;
            err.println("singj: the shell (pid " + shell.pid() + ") was killed: " + status.detail()
                    + (again ? "; starting a new one" : "; shutting down after " + restarts + " restarts"));
            if (!again) {
                return 1;
            }
            banner = "SingJ shell restarted; type 'help'";
        }
    }

    /** Line editing in a terminal; plain lines from a pipe, or when the terminal cannot be opened. */
    private LineSource openLineSource(CommandCompleter completer, Path historyFile) {
        if (terminal.interactive()) {
            try {
                return JLineSource.openSystemTerminal(completer, historyFile);
            } catch (RuntimeException e) {
                terminal.err().println("singj: no line editing (" + e.getMessage() + ")");
            }
        }
        return new PlainLineSource(terminal.in());
    }

    private static String banner(long startNanos, Kernel kernel, int programs) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        double kernelMillis = kernel.bootTime().toNanos() / 1e6;
        return String.format(Locale.ROOT, "SingJ %s booted in %d ms (kernel %.1f ms) — %d program%s installed; type 'help'",
                VERSION, millis, kernelMillis, programs, programs == 1 ? "" : "s");
    }
}
