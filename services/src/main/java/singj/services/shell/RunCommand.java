package singj.services.shell;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import singj.abi.Channel;
import singj.abi.TerminalInput;
import singj.kernel.ExitStatus;
import singj.kernel.KillCause;
import singj.kernel.SealedProgram;
import singj.kernel.Sip;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.services.console.Console;
import singj.services.console.ConsoleInput;
import singj.services.console.TerminalInputStream;

/** {@code run PROGRAM|JAR [ARGS...] [&]}: start a SIP in the foreground or the background. */
record RunCommand() implements Command {
    @Override
    public String name() {
        return "run";
    }

    @Override
    public String usage() {
        return "run PROGRAM|JAR [ARGS...] [&]";
    }

    @Override
    public String summary() {
        return "Run an installed program or a jar as a new SIP.";
    }

    @Override
    public String details() {
        return """
                PROGRAM is a name from 'programs'; a JAR (a path) is verified and sealed first, but not
                installed. In the foreground the SIP's output goes to the console and it reads the
                console's input; the shell waits for it. Ctrl-C kills it; Ctrl-D ends its input (in
                piped input, a line holding only the character EOT, \\u0004, does the same).
                With '&' as the last word it runs in the background, with no input; the shell prints
                its pid at once, and says when it ends.""";
    }

    @Override
    public boolean runsInBackground() {
        return true;
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) throws InterruptedException {
        List<String> args = invocation.args();
        if (args.isEmpty()) {
            throw new CommandException("run: expects a program or a jar (" + usage() + ")");
        }
        SealedProgram program = resolve(session, args.getFirst());
        List<String> programArgs = args.subList(1, args.size());
        Console console = session.console();
        if (invocation.background()) {
            Stdio stdio = Stdio.console(InputStream.nullInputStream());
            Sip sip = session.kernel().spawn(program, SipOptions.of(stdio).withArgs(programArgs));
            session.jobs().add(sip);
            session.out().println("[" + sip.pid() + "] started");
            return Outcome.CONTINUE;
        }
        ConsoleInput input = console.openInput();
        // the program's standard input comes over a channel from the console, held by the shell
        Channel<TerminalInput> stdin = session.kernel().ipc().newChannel(TerminalInput.class,
                session.processes().shell().holdings());
        console.serveInput(stdin.server(), input);
        try {
            Sip sip = session.kernel().spawn(program,
                    SipOptions.of(Stdio.console(new TerminalInputStream(stdin.client()))).withArgs(programArgs));
            console.onInterrupt(() -> sip.kill(KillCause.REQUESTED, "interrupted (Ctrl-C)"));
            ExitStatus status = sip.awaitExit();
            ExitNotice.foreground(sip.pid(), status).ifPresent(session.err()::println);
        } finally {
            console.onInterrupt(() -> {});
            if (stdin.client().isOpen()) {
                stdin.client().close(); // the console's server of it ends, and lets go of the input
            }
            input.detach();
        }
        return Outcome.CONTINUE;
    }

    /** An installed program by name, or a jar sealed for this run. */
    private static SealedProgram resolve(Session session, String target) {
        if (looksLikeJar(target)) {
            return session.programs().seal(InstallCommand.path(target));
        }
        return session.kernel().programs().load(target);
    }

    private static boolean looksLikeJar(String target) {
        if (target.endsWith(".jar") || target.contains("/")) {
            return true;
        }
        try {
            return Files.isRegularFile(Path.of(target));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
