package singj.apps.shell;

import java.io.PrintStream;

/** {@code cat PATH}: a file of the file system, printed. */
record CatCommand() implements Command {
    @Override
    public String name() {
        return "cat";
    }

    @Override
    public String usage() {
        return "cat PATH";
    }

    @Override
    public String summary() {
        return "Print a file of the file system.";
    }

    @Override
    public String details() {
        return "Prints the file's bytes as they are; if it does not end with a newline, one is added\n"
                + "so the prompt starts a line of its own. PATH is below the root of /fs, as for 'ls'.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        if (invocation.args().size() != 1) {
            throw new CommandException("cat: expects one path (" + usage() + ")");
        }
        PrintStream out = session.out();
        int last = session.files().read(session, name(), invocation.args().getFirst(), out);
        if (last != -1 && last != '\n') {
            out.println();
        }
        out.flush();
        return Outcome.CONTINUE;
    }
}
