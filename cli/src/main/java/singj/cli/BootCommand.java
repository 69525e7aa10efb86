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
import singj.kernel.proc.Sip;
import singj.services.ProgramManager;
import singj.services.console.Console;
import singj.services.console.JLineSource;
import singj.services.console.LineSource;
import singj.services.console.PlainLineSource;
import singj.services.shell.CommandTable;
import singj.services.shell.Jobs;
import singj.services.shell.Session;
import singj.services.shell.Shell;
import singj.services.shell.ShellCompleter;

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
            CommandTable commands = CommandTable.standard();
            // opening a terminal takes JLine a second or so: do it while the default image is brought up to date
            CompletableFuture<LineSource> opening = CompletableFuture.supplyAsync(() -> openLineSource(
                    new ShellCompleter(commands, kernel, programs), systemImage.root().resolve("shell-history")));
            DefaultImage.refresh(systemImage, DefaultImage.appsDirectory(), terminal.err());
            try (LineSource source = opening.join()) {
                Console console = new Console(source, terminal.out(), terminal.err());
                Sip consoleSip = kernel.spawnSystem("console", console::run, SipOptions.of(Stdio.none()));
                console.serveOutput(kernel, consoleSip); // before the shell can start anything that prints
                Stdio hostStreams = new Stdio(java.io.InputStream.nullInputStream(), terminal.out(), terminal.err());
                if (DefaultImage.startDisk(kernel, systemImage, hostStreams, terminal.err()) != null) {
                    DefaultImage.startFileSystem(kernel, systemImage, hostStreams, terminal.err());
                }
                Session session = new Session(kernel, console, programs, commands, new Jobs());
                String banner = banner(start, kernel, systemImage.names().size());
                Sip shell = kernel.spawnSystem("shell", new Shell(session, banner)::run, SipOptions.of(Stdio.none()));
                ExitStatus status = shell.awaitExit();
                DefaultImage.syncFileSystem(kernel, terminal.err()); // before the kernel stops the file system with the rest
                return status.wasKilled() ? 0 : status.code();
            }
        }
    }

    /** Line editing in a terminal; plain lines from a pipe, or when the terminal cannot be opened. */
    private LineSource openLineSource(ShellCompleter completer, Path historyFile) {
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
