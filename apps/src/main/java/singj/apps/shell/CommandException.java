package singj.apps.shell;

/** A command that cannot do what was asked, for a reason the person can fix: one line to show. */
public class CommandException extends RuntimeException {
    public CommandException(String message) {
        super(message);
    }
}
