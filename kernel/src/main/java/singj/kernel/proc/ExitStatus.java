package singj.kernel.proc;

/**
 * How a SIP ended.
 *
 * @param code its exit code: what it passed to {@code System.exit}, 0 when {@code main}
 *     returned, 1 after an uncaught exception, {@link #KILLED} when it was killed
 * @param killCause why it was killed, or {@code null} if it ended by itself
 * @param detail a sentence for a person, such as "time limit of 2s exceeded"; empty if it ended by itself
 */
public record ExitStatus(int code, KillCause killCause, String detail) {
    /** The exit code of a killed SIP, as a shell reports a process ended by SIGKILL. */
    public static final int KILLED = 137;

    public static ExitStatus exited(int code) {
        return new ExitStatus(code, null, "");
    }

    public static ExitStatus killed(KillCause cause, String detail) {
        return new ExitStatus(KILLED, cause, detail);
    }

    public boolean wasKilled() {
        return killCause != null;
    }
}
