package singj.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import singj.installer.RejectedProgramException;

@Command(name = "install", description = "Verifies a jar, seals it and stores it in the system image.")
final class InstallCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Mixin
    ImageOption image = new ImageOption();

    @Option(names = "--name", paramLabel = "NAME", description = "Install under this name (default: the jar's file name).")
    String name;

    @Option(names = "--main", paramLabel = "CLASS", description = "The main class, if the jar's manifest names none.")
    String mainClass;

    @Option(names = "--memory", paramLabel = "SIZE", converter = Units.SizeConverter.class,
            description = "The program's heap quota, e.g. 64m (default: the kernel's).")
    Long memory;

    @Parameters(index = "0", paramLabel = "JAR")
    Path jar;

    InstallCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        try {
            var installed = ProgramInstaller.install(image.open(), jar, name, mainClass, memory == null ? 0 : memory);
            terminal.out().println(installed);
            return 0;
        } catch (RejectedProgramException rejected) {
            VerifyCommand.printViolations(rejected.report(), terminal.err());
            return Errors.BAD_INPUT;
        }
    }
}
