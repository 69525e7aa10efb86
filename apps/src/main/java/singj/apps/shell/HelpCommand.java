package singj.apps.shell;

import java.io.PrintStream;

/** {@code help [NAME]}: the list of commands, or one command explained. */
record HelpCommand() implements Command {
    @Override
    public String name() {
        return "help";
    }

    @Override
    public String usage() {
        return "help [NAME]";
    }

    @Override
    public String summary() {
        return "List the commands, or explain one.";
    }

    @Override
    public String details() {
        return "Without a name, lists every command with one line on what it does.\n"
                + "With a name, shows how to call that command and what it does.";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        PrintStream out = session.out();
        switch (invocation.args().size()) {
            case 0 -> {
                int width = session.commands().all().stream().mapToInt(c -> c.usage().length()).max().orElse(0);
                for (Command command : session.commands().all()) {
                    out.printf("  %-" + width + "s  %s%n", command.usage(), command.summary());
                }
                out.println("Type 'help NAME' for more on one command. In a terminal: Tab completes, "
                        + "Ctrl-C stops the program in the foreground, Ctrl-D at the prompt exits.");
            }
            case 1 -> {
                String name = invocation.args().getFirst();
                Command command = session.commands().find(name)
                        .orElseThrow(() -> new CommandException("help: " + session.commands().unknown(name)));
                out.println("usage: " + command.usage());
                out.println(command.summary());
                command.details().lines().forEach(line -> out.println("  " + line));
            }
            default -> throw new CommandException("help: takes at most one command name (" + usage() + ")");
        }
        return Outcome.CONTINUE;
    }
}
