package singj.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import singj.installer.SystemImage;

@Command(name = "programs", description = "Lists the programs installed in the system image.")
final class ProgramsCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Mixin
    ImageOption image = new ImageOption();

    ProgramsCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        SystemImage systemImage = image.open();
        var entries = systemImage.entries();
        if (entries.isEmpty()) {
            terminal.out().println("no programs installed in " + systemImage.root());
        }
        for (SystemImage.Entry entry : entries) {
            terminal.out().printf("%-16s %-40s %4d classes  installed %s%n", entry.name(), entry.mainClass(),
                    entry.classes(), entry.installed());
        }
        return 0;
    }
}
