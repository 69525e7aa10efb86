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
        "Exit 0 with a summary when it passes; exit 1 with one line per violation when it does not."})
final class VerifyCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Option(names = "--main", paramLabel = "CLASS", description = "The main class, if the jar's manifest names none.")
    String mainClass;

    @Parameters(index = "0", paramLabel = "JAR")
    Path jar;

    VerifyCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() {
        VerificationReport report = Installer.standard().verify(ProgramJar.read(jar, mainClass));
        if (report.passed()) {
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
