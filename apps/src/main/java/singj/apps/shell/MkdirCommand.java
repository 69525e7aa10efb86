package singj.apps.shell;

/** {@code mkdir PATH}: a new directory in the file system. */
record MkdirCommand() implements Command {
    @Override
    public String name() {
        return "mkdir";
    }

    @Override
    public String usage() {
        return "mkdir PATH";
    }

    @Override
    public String summary() {
        return "Make a directory in the file system.";
    }

    @Override
    public String details() {
        return "The directory it goes in must exist; nothing may be at PATH already. It is on the\n"
                + "disk when the command returns: it survives a crash or a reboot.\n"
                + "PATH is below the root of /fs, as for 'ls'.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        if (invocation.args().size() != 1) {
            throw new CommandException("mkdir: expects one path (" + usage() + ")");
        }
        session.files().makeDirectory(session, name(), invocation.args().getFirst());
        return Outcome.CONTINUE;
    }
}
