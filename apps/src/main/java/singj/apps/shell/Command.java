package singj.apps.shell;

/** One shell command: its name, its help, and what it does. */
public sealed interface Command
        permits HelpCommand, PsCommand, ProgramsCommand, InstallCommand, RunCommand, KillCommand, ExitCommand,
                NsCommand, ChannelsCommand, HeapCommand, LsCommand, CatCommand, WriteCommand, MkdirCommand,
                RmCommand, MvCommand, DfCommand, CdCommand, PwdCommand {
    String name();

    /** How to call it, e.g. {@code kill PID}. */
    String usage();

    /** One line for the list {@code help} prints. */
    String summary();

    /** What {@code help NAME} prints below the usage line. */
    String details();

    /** Whether a trailing {@code &} may send it to the background. */
    default boolean runsInBackground() {
        return false;
    }

    Outcome execute(Session session, Invocation invocation) throws InterruptedException;

    /** For a command that takes no arguments: says so if it was given some. */
    default void expectNoArguments(Invocation invocation) {
        if (!invocation.args().isEmpty()) {
            throw new CommandException(name() + ": takes no arguments");
        }
    }
}
