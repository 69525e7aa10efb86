package singj.apps.shell;

import singj.abi.ConsoleControl;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Owned;
import singj.abi.Sip;
import singj.abi.TerminalInput;

/**
 * The shell's side of the console's line input ({@link ConsoleControl} at
 * {@value ConsoleControl#NAME}): command lines over one channel, opened at the first read; each
 * foreground program's input over a channel of its own.
 */
public final class ConsoleClient {
    private final Owned<Endpoint<ConsoleControl>> lines = new Owned<>();

    /** The next command line: {@link ConsoleControl.Typed}, or how the read ended instead. */
    synchronized Message readCommand(String prompt, String commands) {
        Endpoint<ConsoleControl> console = lines.isEmpty() ? Sip.open(ConsoleControl.NAME, ConsoleControl.class) : lines.take();
        try {
            console.send(new ConsoleControl.ReadCommand(prompt, commands));
            return console.receive();
        } finally {
            lines.put(console); // a closed one too: the next read finds it closed and says so
        }
    }

    /**
     * Hands the console the server end of a foreground program's standard input; the channel
     * returned brings {@link ConsoleControl.CtrlC} at each Ctrl-C, and closing it (when the
     * program has ended) tells the console to stop serving that input.
     */
    Endpoint<ConsoleControl> foreground(Endpoint<TerminalInput> input) {
        Endpoint<ConsoleControl> channel = Sip.open(ConsoleControl.NAME, ConsoleControl.class);
        channel.send(new ConsoleControl.Foreground(input));
        return channel;
    }
}
