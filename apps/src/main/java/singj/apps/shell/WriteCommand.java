package singj.apps.shell;

import java.nio.charset.StandardCharsets;
import java.util.List;

/** {@code write PATH TEXT...}: a file of the file system made to hold a line of text. */
record WriteCommand() implements Command {
    @Override
    public String name() {
        return "write";
    }

    @Override
    public String usage() {
        return "write PATH TEXT...";
    }

    @Override
    public String summary() {
        return "Make a file hold TEXT and a newline, durably (made, or replaced).";
    }

    @Override
    public String details() {
        return "The words of TEXT are joined by single spaces (quote them to keep other blanks) and\n"
                + "followed by a newline, in UTF-8. Whatever the file held before is replaced. The\n"
                + "command returns once the file system has synced the file to the disk: it survives\n"
                + "a crash or a reboot. The directory it goes in must exist ('mkdir' makes one).";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        List<String> args = invocation.args();
        if (args.size() < 2) {
            throw new CommandException("write: expects a path and the text to write (" + usage() + ")");
        }
        byte[] text = (String.join(" ", args.subList(1, args.size())) + "\n").getBytes(StandardCharsets.UTF_8);
        session.files().write(session, name(), args.getFirst(), text);
        return Outcome.CONTINUE;
    }
}
