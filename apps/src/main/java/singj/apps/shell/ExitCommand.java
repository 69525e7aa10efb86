package singj.apps.shell;

/** {@code exit}: shut the system down. */
record ExitCommand() implements Command {
    @Override
    public String name() {
        return "exit";
    }

    @Override
    public String usage() {
        return "exit";
    }

    @Override
    public String summary() {
        return "Stop every SIP, then the kernel, and leave.";
    }

    @Override
    public String details() {
        return "Background SIPs are killed. Ctrl-D at the prompt, or the end of piped input, does the same.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        expectNoArguments(invocation);
        return Outcome.EXIT;
    }
}
