package singj.apps.shell;

/** {@code rm PATH}: a file, or an empty directory, deleted from the file system. */
record RmCommand() implements Command {
    @Override
    public String name() {
        return "rm";
    }

    @Override
    public String usage() {
        return "rm PATH";
    }

    @Override
    public String summary() {
        return "Delete a file, or an empty directory, from the file system.";
    }

    @Override
    public String details() {
        return "A directory must be empty first (rm does not recurse). A program that holds the file\n"
                + "open gets 'stale' from then on. Once the command returns, the file is gone for good\n"
                + "(synced to the disk). PATH is below the root of /fs, as for 'ls'.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        if (invocation.args().size() != 1) {
            throw new CommandException("rm: expects one path (" + usage() + ")");
        }
        String typed = invocation.args().getFirst();
        if (FileClient.path(typed).isEmpty()) {
            throw new CommandException("rm: '" + typed + "' is the root of the file system, which stays");
        }
        session.files().delete(session, name(), typed);
        return Outcome.CONTINUE;
    }
}
