package singj.services.console;

/** What one read from the console yields. */
public sealed interface Line {
    /** A line of text, without its line terminator. */
    record Text(String text) implements Line {}

    /**
     * The end of input for whoever reads now, though more may follow for the next reader:
     * Ctrl-D in a terminal, or in piped input a line holding only EOT ({@code \u0004}).
     */
    record End() implements Line {}

    /** Ctrl-C while reading. */
    record Interrupt() implements Line {}

    /** The host's input is exhausted: nothing more will come, for anybody. */
    record Closed() implements Line {}

    Line END = new End();
    Line INTERRUPT = new Interrupt();
    Line CLOSED = new Closed();

    /** True for every line that ends its reader's input. */
    default boolean endsInput() {
        return this instanceof End || this instanceof Closed;
    }
}
