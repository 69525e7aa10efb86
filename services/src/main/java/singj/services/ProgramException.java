package singj.services;

import java.util.List;

/**
 * A program that cannot be installed or sealed, for a reason a person can act on. {@link #lines()}
 * is what to show: one line for a missing or corrupt jar, one line per violation (then a summary)
 * for a program the rules reject.
 */
public class ProgramException extends RuntimeException {
    private final List<String> lines;

    public ProgramException(String message) {
        this(List.of(message), null);
    }

    public ProgramException(List<String> lines, Throwable cause) {
        super(String.join("\n", lines), cause);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a program problem needs at least one line");
        }
        this.lines = List.copyOf(lines);
    }

    public List<String> lines() {
        return lines;
    }
}
