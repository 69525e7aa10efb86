package singj.apps.shell;

import java.io.PrintStream;
import java.util.List;
import singj.abi.Directory;

/** {@code ls [PATH]}: what a directory of the file system holds. */
record LsCommand() implements Command {
    @Override
    public String name() {
        return "ls";
    }

    @Override
    public String usage() {
        return "ls [PATH]";
    }

    @Override
    public String summary() {
        return "List a directory of the file system (the root without PATH).";
    }

    @Override
    public String details() {
        return "One line per entry: its SIZE in bytes and its NAME, a directory's name ending in '/'.\n"
                + "PATH is below the root of the file system served at /fs ('/a/b' and 'a/b' are the same);\n"
                + "the file system refuses '..' and '.'. A file's PATH lists that file alone.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        if (invocation.args().size() > 1) {
            throw new CommandException("ls: takes at most one path (" + usage() + ")");
        }
        String typed = invocation.args().isEmpty() ? "" : invocation.args().getFirst();
        FileClient files = session.files();
        PrintStream out = session.out();
        List<Directory.Entry> entries;
        try {
            entries = files.list(session, name(), typed);
        } catch (FileClient.Refused notADirectory) {
            if (!notADirectory.error.equals(Directory.NOT_A_DIRECTORY)) {
                throw notADirectory;
            }
            // List answers not-a-directory both for a file and for a path through one: a file is listed alone
            Directory.Status status;
            try {
                status = files.stat(session, name(), typed);
            } catch (CommandException e) {
                throw notADirectory;
            }
            if (status.directory()) {
                throw notADirectory;
            }
            entries = List.of(new Directory.Entry(FileClient.path(typed), false, status.size()));
        }
        for (Directory.Entry entry : entries) {
            out.printf("%10d  %s%n", entry.size(), entry.name() + (entry.directory() ? "/" : ""));
        }
        return Outcome.CONTINUE;
    }
}
