package singj.abi;

/**
 * The contract of the console's line input, registered by the console at {@value #NAME}: the
 * shell reads its command lines here, and hands the console a foreground program's standard
 * input. The console owns the terminal (line editing, history, completion, Ctrl-C): the shell
 * only asks. The name is a system name: only system programs (the shell) are granted it, since
 * whoever reads here takes what the person types.
 *
 * <p>A channel that has sent {@link Foreground} stays in {@code FOREGROUND} for good: the console
 * serves the program's input over the {@link TerminalInput} endpoint it carries and sends
 * {@link CtrlC} when the person presses Ctrl-C, and again at a later Ctrl-C once the shell has
 * answered {@link Noted} (so that a key held down queues nothing). The shell closes the channel when the program
 * has ended; then the console stops serving that input, and a read still waiting takes no line
 * meant for the shell. Each foreground program gets a channel of its own.
 */
@Contract({
    "IDLE       client: ReadCommand -> READING, Foreground -> FOREGROUND",
    "READING    server: Typed -> IDLE, Interrupted -> IDLE, EndOfInput -> IDLE, InputClosed -> IDLE",
    "FOREGROUND server: CtrlC -> INTERRUPTED",
    "INTERRUPTED client: Noted -> FOREGROUND"
})
public interface ConsoleControl {
    /** Where the console serves it. */
    String NAME = "/kernel/console";

    /**
     * Reads one command line, showing {@code prompt}, into the command history.
     *
     * @param commands what tab completes as the first word: a line per command, its name, a tab
     *     and its one-line summary
     */
    record ReadCommand(String prompt, String commands) implements Message {}

    /** A line, without its terminator. */
    record Typed(String text) implements Message {}

    /** Ctrl-C while the line was edited: the line is dropped. */
    record Interrupted() implements Message {}

    /** The end of input for this read (Ctrl-D; in piped input a line holding only EOT, {@code \u0004}); more may follow. */
    record EndOfInput() implements Message {}

    /** The host's input is exhausted: nothing more will come, for anybody. */
    record InputClosed() implements Message {}

    /** Serves {@code input}'s server end with what the person types, for a program in the foreground. */
    record Foreground(Endpoint<TerminalInput> input) implements Message {}

    /** The person pressed Ctrl-C while the program ran in the foreground. */
    record CtrlC() implements Message {}

    /** The shell has taken the Ctrl-C (it kills the program); the next one may come. */
    record Noted() implements Message {}
}
