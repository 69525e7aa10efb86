package singj.services.shell;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import singj.kernel.ExitStatus;
import singj.kernel.Sip;

/** The SIPs the shell started in the background, until the shell has said that they ended. */
public final class Jobs {
    private final List<Sip> started = new ArrayList<>();

    synchronized void add(Sip sip) {
        started.add(sip);
    }

    /** Says which background SIPs have ended since the last call, and forgets them. */
    synchronized void reportEnded(PrintStream out) {
        for (Iterator<Sip> it = started.iterator(); it.hasNext(); ) {
            Sip sip = it.next();
            ExitStatus status = sip.exitStatus().getNow(null);
            if (status != null) {
                out.println(ExitNotice.background(sip.pid(), sip.program(), status));
                it.remove();
            }
        }
    }
}
