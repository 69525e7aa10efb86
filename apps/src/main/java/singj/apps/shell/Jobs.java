package singj.apps.shell;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Predicate;
import singj.abi.ProcessControl;

/** The programs the shell started in the background, until the shell has said that they ended. */
public final class Jobs {
    private static final Duration KILL_REPORT_PATIENCE = Duration.ofSeconds(2);

    private final List<StartedProgram> started = new ArrayList<>();

    synchronized void add(StartedProgram program) {
        started.add(program);
    }

    /** Says which background programs have ended since the last call, and forgets them. */
    synchronized void reportEnded(PrintStream out) {
        report(out, program -> true, Duration.ZERO);
    }

    /**
     * After the shell killed {@code pid}: the process manager's report of its end is on its way (it
     * comes once the cleanup that the kill already waited for is done), so wait for it a little
     * and say at once that the job ended.
     */
    synchronized void reportKilled(int pid, PrintStream out) {
        report(out, program -> program.pid() == pid, KILL_REPORT_PATIENCE);
    }

    private void report(PrintStream out, Predicate<StartedProgram> which, Duration patience) {
        for (Iterator<StartedProgram> it = started.iterator(); it.hasNext(); ) {
            StartedProgram program = it.next();
            ProcessControl.Exited exited = which.test(program) ? program.exitedWithin(patience) : null;
            if (exited != null) {
                out.println(ExitNotice.background(program.program(), exited));
                it.remove();
            }
        }
    }
}
