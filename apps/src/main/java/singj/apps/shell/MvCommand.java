package singj.apps.shell;

/** {@code mv FROM TO}: a file or directory renamed or moved within the file system. */
record MvCommand() implements Command {
    @Override
    public String name() {
        return "mv";
    }

    @Override
    public String usage() {
        return "mv FROM TO";
    }

    @Override
    public String summary() {
        return "Move or rename a file or directory within the file system.";
    }

    @Override
    public String details() {
        return "One atomic rename: after a crash the file is at FROM or at TO, never at both or neither.\n"
                + "A file already at TO is replaced; if TO is a directory, FROM moves into it under its own\n"
                + "name. A directory cannot move below itself. Once the command returns, the move is on\n"
                + "the disk (synced). Paths are below the root of /fs, as for 'ls'.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        if (invocation.args().size() != 2) {
            throw new CommandException("mv: expects two paths (" + usage() + ")");
        }
        String from = invocation.args().get(0);
        if (FileClient.path(from).isEmpty()) {
            throw new CommandException("mv: '" + from + "' is the root of the file system, which stays");
        }
        session.files().move(session, name(), from, invocation.args().get(1));
        return Outcome.CONTINUE;
    }
}
