package singj.apps.shell;

import singj.abi.ProcessControl;

/** {@code kill PID}: stop a SIP, wherever it is. */
record KillCommand() implements Command {
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
        switch (session.processes().kill(pid)) {
            case ProcessControl.Refused(String reason) -> throw new CommandException("kill: " + reason);
            case ProcessControl.Killed(int killed, boolean cleanedUp) when !cleanedUp ->
                    session.err().println("singj: kill: pid " + killed + " is still being cleaned up");
            default -> session.jobs().reportKilled(pid, session.err());
        }
        return Outcome.CONTINUE;
    }
}
