package singj.apps.shell;

import java.io.PrintStream;
import java.util.List;
import singj.abi.SystemStatus.NameRow;

/** {@code ns}: the name tree of the nameserver. */
record NsCommand() implements Command {
    private static final String ROW = "%-24s %-40s %-24s %7s%n";

    @Override
    public String name() {
        return "ns";
    }

    @Override
    public String usage() {
        return "ns";
    }

    @Override
    public String summary() {
        return "List the names SIPs registered with the nameserver.";
    }

    @Override
    public String details() {
        return "One row per registered name, sorted: NAME (e.g. /service/echo, what Sip.open takes),\n"
                + "CONTRACT (the interface its channels follow), OWNER (pid and program of the SIP\n"
                + "that registered it), WAITING (clients that opened it and wait to be accepted).\n"
                + "A name goes away with the SIP that registered it.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        expectNoArguments(invocation);
        PrintStream out = session.out();
        List<NameRow> names = session.status().names();
        if (names.isEmpty()) {
            out.println("no names registered");
            return Outcome.CONTINUE;
        }
        out.printf(ROW, "NAME", "CONTRACT", "OWNER", "WAITING");
        for (NameRow name : names) {
            out.printf(ROW, name.name(), name.contract(), name.pid() + " (" + name.program() + ")", name.waiting());
        }
        return Outcome.CONTINUE;
    }
}
