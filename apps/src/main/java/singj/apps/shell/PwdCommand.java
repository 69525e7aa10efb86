package singj.apps.shell;

/** {@code pwd}: the current directory. */
record PwdCommand() implements Command {
    @Override
    public String name() {
        return "pwd";
    }

    @Override
    public String usage() {
        return "pwd";
    }

    @Override
    public String summary() {
        return "Print the current directory of the file commands.";
    }

    @Override
    public String details() {
        return "The path from the root of the file system served at /fs, '/' for the root itself.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        expectNoArguments(invocation);
        session.out().println(session.files().current());
        return Outcome.CONTINUE;
    }
}
