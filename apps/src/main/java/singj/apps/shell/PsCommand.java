package singj.apps.shell;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;
import singj.abi.ProcessControl;

/** {@code ps}: the process table, with each SIP's use of its quotas; {@code ps -g}: what each was granted. */
record PsCommand() implements Command {
    private static final String ROW = "%5s  %-16s %-8s %10s %11s %7s %11s %10s %8s%n";
    private static final String GRANT_ROW = "%5s  %-16s %s%n";

    @Override
    public String name() {
        return "ps";
    }

    @Override
    public String usage() {
        return "ps [-g]";
    }

    @Override
    public String summary() {
        return "List the running SIPs.";
    }

    @Override
    public String details() {
        return "One row per SIP, the system SIPs (console, shell) included:\n"
                + "PID, PROGRAM, STATE (RUNNING, or STOPPING while the kernel cleans up after it),\n"
                + "THREADS, CHANNELS (channel ends held), NAMES (registered), ACCEPTS (clients waiting\n"
                + "at its names), each as used/quota, MEMORY (estimated live heap), UPTIME.\n"
                + "With -g, what each SIP was granted: the names it may register and open, its heap\n"
                + "and exchange-heap quotas, its quotas of kernel resources, and the SIP that started it.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        boolean grants = invocation.args().equals(java.util.List.of("-g"));
        if (!grants && !invocation.args().isEmpty()) {
            throw new CommandException("ps: takes no arguments but -g (" + usage() + ")");
        }
        PrintStream out = session.out();
        if (grants) {
            out.printf(GRANT_ROW, "PID", "PROGRAM", "GRANTED");
            for (ProcessControl.Row process : session.processes().list()) {
                String parent = process.parent() == 0 ? "" : "; started by pid " + process.parent();
                out.printf(GRANT_ROW, process.pid(), process.program(), process.granted() + parent);
            }
            return Outcome.CONTINUE;
        }
        out.printf(ROW, "PID", "PROGRAM", "STATE", "THREADS", "CHANNELS", "NAMES", "ACCEPTS", "MEMORY", "UPTIME");
        List<ProcessControl.Row> rows = session.processes().list();
        for (ProcessControl.Row process : rows) {
            out.printf(ROW, process.pid(), process.program(), process.state(),
                    used(process.threads(), process.threadLimit()), used(process.channels(), process.channelLimit()),
                    used(process.names(), process.nameLimit()), used(process.accepts(), process.acceptLimit()),
                    HumanUnits.bytes(process.memoryBytes()), HumanUnits.duration(Duration.ofMillis(process.uptimeMillis())));
        }
        for (ProcessControl.Row process : rows) { // a kill that could not finish, and why (docs/kill.md)
            if (!process.holdUp().isEmpty()) {
                out.println("pid " + process.pid() + " is still stopping: " + process.holdUp());
            }
        }
        return Outcome.CONTINUE;
    }

    /** "3/1024"; a system SIP's quotas are unlimited: "3/-". */
    private static String used(int used, int limit) {
        return used + "/" + (limit == Integer.MAX_VALUE ? "-" : Integer.toString(limit));
    }
}
