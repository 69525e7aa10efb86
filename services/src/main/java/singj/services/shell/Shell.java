package singj.services.shell;

import java.io.PrintStream;
import java.util.List;
import singj.kernel.KernelException;
import singj.kernel.proc.Sip;
import singj.services.ProgramException;
import singj.services.console.Line;
import singj.services.console.LineRequest;

/**
 * The SingJ shell, a system SIP: reads commands from the console and runs them. Nothing a person
 * types stops it but {@code exit}, Ctrl-D or the end of input: every bad command is reported in
 * one clear line (a rejected program, one line per violation) and the shell reads the next.
 */
public final class Shell {
    public static final String PROMPT = "singj> ";

    private final Session session;
    private final String banner;

    public Shell(Session session, String banner) {
        this.session = session;
        this.banner = banner;
    }

    /** The shell SIP's body. */
    public int run(Sip self) throws InterruptedException {
        session.processes().connect(session.kernel(), self); // ps and kill go through the process manager
        session.out().println(banner);
        while (true) {
            session.jobs().reportEnded(session.err());
            Line line = session.console().readLine(LineRequest.command(PROMPT));
            switch (line) {
                case Line.Text text -> {
                    if (execute(text.text()) == Outcome.EXIT) {
                        return 0;
                    }
                }
                case Line.Interrupt interrupt -> {
                    // Ctrl-C at the prompt only drops the line being typed
                }
                case Line.End end -> {
                    return 0;
                }
                case Line.Closed closed -> {
                    return 0;
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
        } catch (CommandException | KernelException e) {
            err.println("singj: " + e.getMessage());
        } catch (ProgramException e) {
            List<String> lines = e.lines();
            lines.subList(0, lines.size() - 1).forEach(err::println);
            err.println("singj: " + lines.getLast());
        } catch (RuntimeException e) {
            err.println("singj: internal error: " + e);
        }
        return Outcome.CONTINUE;
    }
}
