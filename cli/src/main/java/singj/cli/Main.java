package singj.cli;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code singj} command. */
@Command(name = "singj", mixinStandardHelpOptions = true, version = "SingJ 0.1.0",
        description = "A Singularity-style operating system on the JVM: sealed, software-isolated processes.",
        subcommands = {BootCommand.class, RunCommand.class, InstallCommand.class, VerifyCommand.class,
                ProgramsCommand.class, BenchCommand.class, JdkSurfaceCommand.class, MkfsCommand.class, FsckCommand.class,
                CommandLine.HelpCommand.class})
public final class Main {
    public static void main(String[] args) {
        int code = execute(args, System.in, System.out, System.err);
        if (code == 0 && onlyThisThreadKeepsTheJvm()) {
            return;
        }
        System.exit(code);
    }

    /**
     * Whether returning from {@code main} ends the JVM now, with status 0, as {@code System.exit(0)}
     * would: no other thread that the JVM waits for is alive. Returning is cheaper: {@code Runtime.exit}
     * asks {@code System.getLogger} for its exit log on every call, and finding the logging backend
     * looks through the class path with the service loader (about 30 ms of a 300 ms {@code singj run}).
     */
    private static boolean onlyThisThreadKeepsTheJvm() {
        var threads = java.lang.management.ManagementFactory.getThreadMXBean();
        return threads.getThreadCount() - threads.getDaemonThreadCount() == 1;
    }

    /** Runs the command line with the given standard streams; returns the exit code. */
    public static int execute(String[] args, InputStream in, PrintStream out, PrintStream err) {
        if (args.length > 0 && args[0].equals("run")) {
            // not asked whether the streams are a terminal: run never needs it, and the JDK's
            // System.console() looks for a console provider through its service loader
            RunCommand run = new RunCommand(new Terminal(in, out, err, false));
            if (RunLine.read(run, java.util.Arrays.copyOfRange(args, 1, args.length))) {
                try {
                    return run.call();
                } catch (Exception e) {
                    return failed(e, err);
                }
            }
        }
        Terminal terminal = new Terminal(in, out, err, in == System.in && System.console() != null
                && System.console().isTerminal());
        CommandLine cli = new CommandLine(new Main(), new TerminalFactory(terminal));
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.getSubcommands().get("run").setStopAtPositional(true);
        cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> failed(e, err));
        cli.setParameterExceptionHandler((e, arguments) -> {
            CommandLine command = e.getCommandLine();
            err.println("singj: " + e.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(e, new PrintWriter(err, true));
            err.println("Try '" + command.getCommandSpec().qualifiedName() + " --help' for more information.");
            return CommandLine.ExitCode.USAGE;
        });
        return cli.execute(args);
    }

    private static int failed(Exception e, PrintStream err) {
        err.println("singj: " + Errors.describe(e));
        return Errors.exitCode(e);
    }

    /** Hands every command the standard streams of this invocation. */
    private record TerminalFactory(Terminal terminal) implements CommandLine.IFactory {
        @Override
        public <K> K create(Class<K> type) throws Exception {
            if (type == BootCommand.class) {
                return type.cast(new BootCommand(terminal));
            } else if (type == RunCommand.class) {
                return type.cast(new RunCommand(terminal));
            } else if (type == InstallCommand.class) {
                return type.cast(new InstallCommand(terminal));
            } else if (type == VerifyCommand.class) {
                return type.cast(new VerifyCommand(terminal));
            } else if (type == ProgramsCommand.class) {
                return type.cast(new ProgramsCommand(terminal));
            } else if (type == BenchCommand.class) {
                return type.cast(new BenchCommand(terminal));
            } else if (type == JdkSurfaceCommand.class) {
                return type.cast(new JdkSurfaceCommand(terminal));
            } else if (type == MkfsCommand.class) {
                return type.cast(new MkfsCommand(terminal));
            } else if (type == FsckCommand.class) {
                return type.cast(new FsckCommand(terminal));
            }
            return CommandLine.defaultFactory().create(type);
        }
    }
}
