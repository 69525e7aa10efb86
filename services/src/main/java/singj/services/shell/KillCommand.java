package singj.services.shell;

import java.time.Duration;
import singj.kernel.KillCause;
import singj.kernel.Sip;

/** {@code kill PID}: stop a SIP, wherever it is. */
record KillCommand() implements Command {
    /** Long enough for the kernel to unwind any SIP; a SIP that takes longer is reported stuck by the kernel. */
    private static final Duration CLEANUP_WAIT = Duration.ofSeconds(6);

    @Override
    public String name() {
        return "kill";
    }

    @Override
    public String usage() {
        return "kill PID";
    }

    @Override
    public String summary() {
        return "Stop a SIP and free everything it holds.";
    }

    @Override
    public String details() {
        return "Stops every thread of the SIP (even one that catches every Throwable), closes its\n"
                + "streams and drops its classes; returns once nothing of it is left. PID is from 'ps'.\n"
                + "The system SIPs (console, shell) stop only with the whole system: use 'exit'.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) throws InterruptedException {
        if (invocation.args().size() != 1) {
            throw new CommandException("kill: expects one process id (" + usage() + ")");
        }
        String text = invocation.args().getFirst();
        int pid;
        try {
            pid = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            throw new CommandException("kill: '" + text + "' is not a process id (see 'ps')");
        }
        Sip sip = session.kernel().process(pid)
                .orElseThrow(() -> new CommandException("kill: no process with pid " + pid + " (see 'ps')"));
        if (sip.isSystem()) {
            throw new CommandException("kill: pid " + pid + " is the " + sip.program()
                    + ", a system SIP; it stops only with the system ('exit')");
        }
        if (!sip.kill(KillCause.REQUESTED, "killed by the shell")) {
            throw new CommandException("kill: pid " + pid + " has already ended");
        }
        if (sip.awaitExit(CLEANUP_WAIT) == null) {
            session.err().println("singj: kill: pid " + pid + " is still being cleaned up");
        }
        return Outcome.CONTINUE;
    }
}
