package singj.cli;

import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import singj.installer.SystemImage;
import singj.kernel.ExitStatus;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.Sip;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
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
        "The example programs (hello, echo, wordcount, spin) are installed in the image at boot if missing.",
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
        DefaultImage.refresh(systemImage, DefaultImage.appsDirectory(), terminal.err());
        ProgramManager programs = new ImageProgramManager(systemImage);
        try (Kernel kernel = Kernel.boot(systemImage, KernelConfig.defaults())) {
            CommandTable commands = CommandTable.standard();
            try (LineSource source = terminal.interactive()
                    ? JLineSource.openSystemTerminal(new ShellCompleter(commands, kernel, programs),
                            systemImage.root().resolve("shell-history"))
                    : new PlainLineSource(terminal.in())) {
                Console console = new Console(source, terminal.out(), terminal.err());
                kernel.spawnSystem("console", console::run, SipOptions.of(Stdio.none()));
                Session session = new Session(kernel, console, programs, commands, new Jobs());
                String banner = banner(start, kernel, systemImage.names().size());
                Sip shell = kernel.spawnSystem("shell", new Shell(session, banner)::run, SipOptions.of(Stdio.none()));
                ExitStatus status = shell.awaitExit();
                return status.wasKilled() ? 0 : status.code();
            }
        }
    }

    private static String banner(long startNanos, Kernel kernel, int programs) {
        long millis = (System.nanoTime() - startNanos) / 1_000_000;
        double kernelMillis = kernel.bootTime().toNanos() / 1e6;
        return String.format(Locale.ROOT, "SingJ %s booted in %d ms (kernel %.1f ms) — %d program%s installed; type 'help'",
                VERSION, millis, kernelMillis, programs, programs == 1 ? "" : "s");
    }
}
