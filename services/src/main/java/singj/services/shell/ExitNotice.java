package singj.services.shell;

import java.util.Optional;
import singj.kernel.ExitStatus;

/** What the shell says when a SIP it started ends. */
final class ExitNotice {
    private ExitNotice() {}

    /** For a foreground SIP: nothing for a normal exit, else its code or why it was killed. */
    static Optional<String> foreground(int pid, ExitStatus status) {
        if (status.wasKilled()) {
            return Optional.of("[pid " + pid + " killed: " + status.detail() + "]");
        }
        if (status.code() != 0) {
            return Optional.of("[pid " + pid + " exited with code " + status.code() + "]");
        }
        return Optional.empty();
    }

    /** For a background SIP, which the person may have forgotten: always a line, naming the program. */
    static String background(int pid, String program, ExitStatus status) {
        String who = "[pid " + pid + " (" + program + ") ";
        if (status.wasKilled()) {
            return who + "killed: " + status.detail() + "]";
        }
        return who + "exited" + (status.code() != 0 ? " with code " + status.code() : "") + "]";
    }
}
