package singj.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "boot", description = "Boots the kernel with the system SIPs and opens the SingJ shell.")
final class BootCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Mixin
    ImageOption image = new ImageOption();

    BootCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        terminal.err().println("singj: boot is not built yet");
        return 1;
    }
}
