package singj.services.shell;

import java.io.PrintStream;
import java.time.Duration;
import singj.abi.ProcessControl;

/** {@code ps}: the process table. */
record PsCommand() implements Command {
    private static final String ROW = "%5s  %-16s %-8s %7s %10s %8s%n";

    @Override
    public String name() {
        return "ps";
    }

    @Override
    public String usage() {
        return "ps";
    }

    @Override
    public String summary() {
        return "List the running SIPs.";
    }

    @Override
    public String details() {
        return "One row per SIP, the system SIPs (console, shell) included:\n"
                + "PID, PROGRAM, STATE (RUNNING, or STOPPING while the kernel cleans up after it),\n"
                + "THREADS, MEMORY (estimated live heap), UPTIME.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        expectNoArguments(invocation);
        PrintStream out = session.out();
        out.printf(ROW, "PID", "PROGRAM", "STATE", "THREADS", "MEMORY", "UPTIME");
        for (ProcessControl.Row process : session.processes().list()) {
            out.printf(ROW, process.pid(), process.program(), process.state(), process.threads(),
                    HumanUnits.bytes(process.memoryBytes()), HumanUnits.duration(Duration.ofMillis(process.uptimeMillis())));
        }
        return Outcome.CONTINUE;
    }
}
