package singj.apps.shell;

import java.util.List;
import singj.abi.Channel;
import singj.abi.ConsoleControl;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.Sip;
import singj.abi.TerminalInput;

/**
 * {@code run [-p] [--QUOTA=N...] PROGRAM|JAR [ARGS...] [&]}: start a SIP in the foreground or the
 * background, by asking the kernel's process manager ({@link singj.abi.ProcessControl}), which also
 * reports how it ended.
 */
record RunCommand() implements Command {
    @Override
    public String name() {
        return "run";
    }

    @Override
    public String usage() {
        return "run [-p] [--QUOTA=N...] [--dir=HOST:PATH] [--dir-rw=HOST:PATH] [--cwd=rw|ro|none] [--opens=NAME] PROGRAM|JAR [ARGS...] [&]";
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
                its pid at once, and says when it ends.
                The options before PROGRAM (--threads, --channels, --names, --accepts, --exchange) set the SIP's quotas of kernel resources: threads that have
                not ended, channel ends it holds, names it registers, clients waiting at its names,
                and exchange-heap bytes (e.g. --exchange=8m). Left out, each takes its default
                (1024 threads, 4096 channels, 256 names, 1024 accepts, 64m exchange, or what the program
                asks for, if less). A SIP at a quota gets a QuotaExceededException naming it. The
                names a program asks for in its manifest are granted, but never those under /kernel/,
                and a system service (a name a system SIP registered, such as the file system's
                /fs) only if --opens=NAME names it too; what is refused is printed on its standard
                error as it starts. 'ps -g' shows what each SIP was granted.
                The program's java.io and java.nio.file code reaches the shell's current directory
                on the file system (pwd), seen at the same path, and what lies below it, read-write:
                relative paths start there, and nothing above it is reached. --cwd=ro gives it
                read-only, --cwd=none not at all.
                --dir=HOST:PATH grants the host directory HOST read-only, seen by the program at PATH
                (e.g. --dir=.:/work), --dir-rw=HOST:PATH read-write; the first is then its working
                directory. Its file code reaches those and nothing else.
                -p runs it in a JVM process of its own (slower to start; the same program and ABI;
                no directory of the file system or the host is handed to it, and --dir is refused).
                A program may also ask for that in its manifest, and the system's policy may
                require it.""";
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
        List<String> quotas = new java.util.ArrayList<>();
        List<String> directories = new java.util.ArrayList<>();
        String cwd = "rw";
        int first = 0;
        boolean ownProcess = false;
        while (first < args.size() && args.get(first).startsWith("-")) {
            if (args.get(first).equals("-p")) {
                ownProcess = true;
                first++;
                continue;
            }
            if (!args.get(first).startsWith("--")) {
                throw new CommandException("run: unknown option " + args.get(first) + " (" + usage() + ")");
            }
            String option = args.get(first++).substring(2);
            if (!option.contains("=")) {
                throw new CommandException("run: --" + option + " needs a value, e.g. --threads=64 (" + usage() + ")");
            }
            if (option.startsWith("dir=") || option.startsWith("dir-rw=") || option.startsWith("opens=")) {
                directories.add("--" + option); // the kernel opens and checks them, and says what is wrong
            } else if (option.startsWith("cwd=")) {
                cwd = option.substring("cwd=".length());
                if (!List.of("rw", "ro", "none").contains(cwd)) {
                    throw new CommandException("run: --cwd is rw, ro or none, not '" + cwd + "' (" + usage() + ")");
                }
            } else {
                quotas.add(option);
            }
        }
        if (first == args.size()) {
            throw new CommandException("run: expects a program or a jar after the options (" + usage() + ")");
        }
        String quota = String.join(" ", quotas); // the kernel judges the values, and names a bad one
        String program = args.get(first);
        List<String> programArgs = args.subList(first + 1, args.size());
        ProcessClient processes = session.processes();
        FileClient files = session.files();
        if (invocation.background()) {
            StartedProgram job = processes.spawn(program, programArgs, null, quota, directories,
                    workingDirectory(files, ownProcess ? "none" : cwd, directories), ownProcess);
            session.jobs().add(job);
            session.out().println("[" + job.pid() + "] started");
            return Outcome.CONTINUE;
        }
        // the program's standard input: a channel whose server end the console serves and whose client end moves to the program
        Channel<TerminalInput> stdin = Sip.newChannel(TerminalInput.class);
        Endpoint<ConsoleControl> foreground = session.console().foreground(stdin.server());
        try {
            StartedProgram started = processes.spawn(program, programArgs, stdin.client(), quota, directories,
                    workingDirectory(files, ownProcess ? "none" : cwd, directories), ownProcess);
            ExitNotice.foreground(started.awaitExit(foreground, () -> processes.kill(started.pid())))
                    .ifPresent(session.err()::println);
        } finally {
            foreground.close(); // the console stops serving the program's input: a read still waiting takes no line
        }
        if (cwd.equals("rw")) {
            files.syncQuietly(); // what it wrote is on the disk when the prompt comes back
        }
        return Outcome.CONTINUE;
    }

    /**
     * A new endpoint to the shell's current directory for the program (null for {@code --cwd=none},
     * or when no file system runs), and among {@code directories} where the program sees it: the
     * path {@code pwd} shows, read-write unless {@code --cwd=ro}.
     */
    private static Endpoint<Directory> workingDirectory(FileClient files, String cwd, List<String> directories) {
        // read-only, the file system itself refuses every change through it, whatever the program's code
        Endpoint<Directory> directory = cwd.equals("none") ? null : files.openCurrent("run", cwd.equals("ro"));
        if (directory != null) {
            directories.add((cwd.equals("rw") ? "--fs-rw=" : "--fs=") + files.current());
        }
        return directory;
    }
}
