package singj.apps.shell;

/** {@code cd [PATH]}: the directory the file commands start from. */
record CdCommand() implements Command {
    @Override
    public String name() {
        return "cd";
    }

    @Override
    public String usage() {
        return "cd [PATH]";
    }

    @Override
    public String summary() {
        return "Change the current directory of the file commands (the root without PATH).";
    }

    @Override
    public String details() {
        return "A PATH not beginning with '/' is below the current directory, as for every file command;\n"
                + "'cd ..' goes to the parent (the shell keeps track of it: the file system refuses '..').\n"
                + "The directory must exist. 'pwd' shows where you are.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        if (invocation.args().size() > 1) {
            throw new CommandException("cd: takes at most one path (" + usage() + ")");
        }
        session.files().changeDirectory(session, name(), invocation.args().isEmpty() ? "" : invocation.args().getFirst());
        return Outcome.CONTINUE;
    }
}
