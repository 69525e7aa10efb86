package singj.apps.shell;

import java.io.PrintStream;
import java.util.List;
import singj.abi.ChannelClosedException;
import singj.abi.ConsoleControl;
import singj.abi.Message;
import singj.abi.NameServiceException;

/**
 * The SingJ shell, an installed program the system starts at boot: reads commands from the
 * console and runs them. Everything it shows or does goes through contracts: it holds endpoints,
 * never the kernel. Nothing a person types stops it but {@code exit}, Ctrl-D or the end of input:
 * every bad command is reported in one clear line (a rejected program, one line per violation)
 * and the shell reads the next.
 */
public final class Shell {
    public static final String PROMPT = "singj> ";

    private final Session session;
    private final String banner;

    public Shell(Session session, String banner) {
        this.session = session;
        this.banner = banner;
    }

    /** The shell SIP's entry point: its one argument is the banner the system prints through it. */
    public static void main(String[] args) throws InterruptedException {
        Session session = Session.standard();
        int code = new Shell(session, args.length > 0 ? args[0] : "SingJ shell; type 'help'").run();
        session.flush();
        if (code != 0) {
            System.exit(code);
        }
    }

    /** Reads and runs commands until {@code exit} or the end of input. */
    public int run() throws InterruptedException {
        session.out().println(banner);
        String commands = session.commands().completionTable();
        while (true) {
            session.jobs().reportEnded(session.err());
            session.flush(); // all of it on the terminal before the prompt
            Message line;
            try {
                line = session.console().readCommand(PROMPT, commands);
            } catch (ChannelClosedException | NameServiceException e) {
                session.err().println("singj: the console is gone (" + e.getMessage() + ")");
                return 1;
            }
            switch (line) {
                case ConsoleControl.Typed(String text) -> {
                    if (execute(text) == Outcome.EXIT) {
                        return 0;
                    }
                }
                case ConsoleControl.Interrupted() -> {
                    // Ctrl-C at the prompt only drops the line being typed
                }
                default -> {
                    return 0; // Ctrl-D, or the end of piped input
                }
            }
        }
    }

    /** Runs one command line. */
    public Outcome execute(String line) throws InterruptedException {
        PrintStream err = session.err();
        try {
            Invocation invocation = Invocation.parse(line);
            if (invocation.isEmpty()) {
                return Outcome.CONTINUE;
            }
            CommandTable commands = session.commands();
            Command command = commands.find(invocation.name())
                    .orElseThrow(() -> new CommandException(commands.unknown(invocation.name())));
            if (invocation.background() && !command.runsInBackground()) {
                throw new CommandException(command.name() + ": cannot run in the background (only 'run' can)");
            }
            return command.execute(session, invocation);
        } catch (CommandException e) {
            err.println("singj: " + e.getMessage());
        } catch (RefusedException e) {
            List<String> lines = e.lines();
            lines.subList(0, lines.size() - 1).forEach(err::println);
            err.println("singj: " + lines.getLast());
        } catch (ChannelClosedException | NameServiceException e) {
            err.println("singj: a system service is gone: " + e.getMessage());
        } catch (RuntimeException e) {
            err.println("singj: internal error: " + e);
        } finally {
            session.flush();
        }
        return Outcome.CONTINUE;
    }
}
