package singj.services.console;

/**
 * Someone waiting for a line: the shell for a command, or a foreground SIP for its input. The
 * purpose decides whether the line goes into the history and whether tab completes commands.
 */
public record LineRequest(String prompt, Purpose purpose) {
    public enum Purpose { COMMAND, PROGRAM_INPUT }

    public static LineRequest command(String prompt) {
        return new LineRequest(prompt, Purpose.COMMAND);
    }

    public static LineRequest programInput() {
        return new LineRequest("", Purpose.PROGRAM_INPUT);
    }
}
