package singj.apps.shell;

import java.util.Optional;
import singj.abi.ProcessControl;

/** What the shell says when a SIP it started ends. */
final class ExitNotice {
    private ExitNotice() {}

    /** For a foreground SIP: nothing for a normal exit, else its code or why it was killed. */
    static Optional<String> foreground(ProcessControl.Exited exited) {
        if (!exited.killedBecause().isEmpty()) {
            return Optional.of("[pid " + exited.pid() + " killed: " + exited.killedBecause() + "]");
        }
        if (exited.code() != 0) {
            return Optional.of("[pid " + exited.pid() + " exited with code " + exited.code() + "]");
        }
        return Optional.empty();
    }

    /** For a background SIP, which the person may have forgotten: always a line, naming the program. */
    static String background(String program, ProcessControl.Exited exited) {
        String who = "[pid " + exited.pid() + " (" + program + ") ";
        if (!exited.killedBecause().isEmpty()) {
            return who + "killed: " + exited.killedBecause() + "]";
        }
        return who + "exited" + (exited.code() != 0 ? " with code " + exited.code() : "") + "]";
    }
}
