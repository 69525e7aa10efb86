package singj.apps.shell;

import java.time.Duration;
import singj.abi.ConsoleControl;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Owned;
import singj.abi.ProcessControl;

/**
 * A program the shell started through the process manager: the channel that started it, which
 * brings {@link ProcessControl.Exited} when the program has ended and nothing of it is left.
 */
final class StartedProgram {
    private final int pid;
    private final String program;
    private final Owned<Endpoint<ProcessControl>> channel;

    StartedProgram(int pid, String program, Endpoint<ProcessControl> channel) {
        this.pid = pid;
        this.program = program;
        this.channel = new Owned<>(channel);
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
        Endpoint<ProcessControl> started = channel.take();
        return ended(started, started.receive());
    }

    /**
     * Waits until it has ended, running {@code onCtrlC} for each {@link ConsoleControl.CtrlC} that
     * comes on {@code interrupts} meanwhile (a program in the foreground: the shell kills it).
     */
    ProcessControl.Exited awaitExit(Endpoint<ConsoleControl> interrupts, Runnable onCtrlC) {
        Endpoint<ProcessControl> started = channel.take();
        while (interrupts.isOpen()) {
            int ready = Endpoint.select(Duration.ofSeconds(1), started, interrupts);
            if (ready == 0) {
                return ended(started, started.receive());
            }
            if (ready == 1 && interrupts.isOpen() && interrupts.receive() instanceof ConsoleControl.CtrlC) {
                interrupts.send(new ConsoleControl.Noted());
                onCtrlC.run();
            }
        }
        return ended(started, started.receive()); // the console is gone: no Ctrl-C can come
    }

    /** How it ended, or null if it still runs after {@code patience} (zero: do not wait). */
    ProcessControl.Exited exitedWithin(Duration patience) {
        if (channel.isEmpty()) {
            return null;
        }
        Endpoint<ProcessControl> started = channel.take();
        return started.isOpen() ? ended(started, started.receive(patience)) : null;
    }

    /** {@code message} if it is the report of the end (the channel is closed then); else the channel is kept for the next wait. */
    private ProcessControl.Exited ended(Endpoint<ProcessControl> started, Message message) {
        if (message instanceof ProcessControl.Exited exited) {
            started.close();
            return exited;
        }
        channel.put(started);
        return null;
    }
}
