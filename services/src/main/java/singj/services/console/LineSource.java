package singj.services.console;

/**
 * Where the console's lines come from: a terminal with line editing, or plain piped input.
 * Only the console's own thread calls {@link #read}; the other methods may be called from any
 * thread while a read is under way.
 */
public interface LineSource extends AutoCloseable {
    /** Reads one line for {@code request}; blocks until the person or the pipe delivers one. */
    Line read(LineRequest request);

    /** Whether this is a terminal a person types into (prompts, editing, escape codes). */
    boolean interactive();

    /** The read under way now serves a different request (its reader went away): show its prompt. */
    default void retarget(LineRequest request) {}

    /**
     * Prints a complete line of output above the line being edited, if a read is under way, and
     * returns true; returns false if no read is under way, and the caller prints it as usual.
     */
    default boolean printAbove(String line) {
        return false;
    }

    /** Whether a read is under way, with a line being edited on screen. */
    default boolean isReading() {
        return false;
    }

    /** Runs {@code handler} when the person presses Ctrl-C while no read is under way. */
    default void onInterrupt(Runnable handler) {}

    @Override
    void close();
}
