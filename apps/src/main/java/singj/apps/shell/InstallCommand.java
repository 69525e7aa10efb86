package singj.apps.shell;

import java.util.List;

/** {@code install JAR [NAME]}: verify, seal and store a program. */
record InstallCommand() implements Command {
    @Override
    public String name() {
        return "install";
    }

    @Override
    public String usage() {
        return "install JAR [NAME]";
    }

    @Override
    public String summary() {
        return "Verify a jar, seal it and store it in the system image.";
    }

    @Override
    public String details() {
        return "Checks every class of the jar against the SIP rules, rewrites it into its sealed form\n"
                + "and stores it under NAME (default: the jar's file name without .jar), replacing an\n"
                + "earlier version. A program that breaks a rule is not installed; each violation is listed.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        List<String> args = invocation.args();
        if (args.isEmpty() || args.size() > 2) {
            throw new CommandException("install: expects a jar and an optional name (" + usage() + ")");
        }
        String name = args.size() == 2 ? args.get(1) : null;
        // the jar is the host's: the installer service reads it, the shell never opens a host file
        session.out().println(session.installer().install(args.getFirst(), name));
        return Outcome.CONTINUE;
    }
}
