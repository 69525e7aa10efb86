package singj.services.shell;

import java.time.Duration;
import singj.abi.Endpoint;
import singj.abi.ProcessControl;

/**
 * A program the shell started through the process manager: the channel that started it, which
 * brings {@link ProcessControl.Exited} when the program has ended and nothing of it is left.
 */
final class StartedProgram {
    private final int pid;
    private final String program;
    private final Endpoint<ProcessControl> channel;

    StartedProgram(int pid, String program, Endpoint<ProcessControl> channel) {
        this.pid = pid;
        this.program = program;
        this.channel = channel;
    }

    int pid() {
        return pid;
    }

    /** The program's name, as {@code ps} shows it. */
    String program() {
        return program;
    }

    /** Waits until it has ended. */
    ProcessControl.Exited awaitExit() {
        return ended(channel.receive());
    }

    /** How it ended, or null if it still runs after {@code patience} (zero: do not wait). */
    ProcessControl.Exited exitedWithin(Duration patience) {
        return channel.isOpen() ? ended(channel.receive(patience)) : null;
    }

    private ProcessControl.Exited ended(Object message) {
        if (message instanceof ProcessControl.Exited exited) {
            channel.close();
            return exited;
        }
        return null;
    }
}
