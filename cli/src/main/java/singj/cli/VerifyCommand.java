package singj.cli;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.VerificationReport;

@Command(name = "verify", description = {
        "Runs the install-time checks on a jar without installing it.",
        "Exit 0 with a summary when it passes; exit 1 with one line per violation when it does not.",
        "With --json, standard output is only a JSON array: one object per violation (rule, class, method,",
        "offset, line, message; null where there is none), empty when the jar passes; the exit code is the same."})
final class VerifyCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--main", paramLabel = "CLASS", description = "The main class, if the jar's manifest names none.")
    String mainClass;

    @Option(names = "--json", description = "Print the violations as a JSON array on standard output, for tools.")
    boolean json;

    @Parameters(index = "0", paramLabel = "JAR")
    Path jar;

    VerifyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        VerificationReport report = Installer.standard().verify(ProgramJar.read(jar, mainClass));
        if (json) {
            ViolationsJson.write(report.violations(), terminal.out());
            return report.passed() ? 0 : 1;
        }
        if (report.passed()) {
            report.refusedIfReachedLines().forEach(terminal.out()::println);
            terminal.out().println(report.summary());
            return 0;
        }
        printViolations(report, terminal.err());
        return 1;
    }

    static void printViolations(VerificationReport report, PrintStream err) {
        report.rejectionLines().forEach(err::println);
    }
}
