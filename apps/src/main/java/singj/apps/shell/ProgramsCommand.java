package singj.apps.shell;

import java.io.PrintStream;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.time.Instant;
import singj.abi.Installer;

/** {@code programs}: what is installed in the system image. */
record ProgramsCommand() implements Command {
    private static final String ROW = "%-16s %-40s %7s  %s%n";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
            .withZone(ZoneId.systemDefault());

    @Override
    public String name() {
        return "programs";
    }

    @Override
    public String usage() {
        return "programs";
    }

    @Override
    public String summary() {
        return "List the programs installed in the system image.";
    }

    @Override
    public String details() {
        return "NAME (what 'run' takes), MAIN CLASS, CLASSES (sealed classes), INSTALLED (local time).";
    }

    @Override
    public Outcome execute(Session session, Invocation invocation) {
        expectNoArguments(invocation);
        PrintStream out = session.out();
        List<Installer.Program> programs = session.installer().programs();
        if (programs.isEmpty()) {
            out.println("no programs installed (see 'help install')");
            return Outcome.CONTINUE;
        }
        out.printf(ROW, "NAME", "MAIN CLASS", "CLASSES", "INSTALLED");
        for (Installer.Program program : programs) {
            out.printf(ROW, program.name(), program.mainClass(), program.classes(), WHEN.format(Instant.ofEpochMilli(program.installedMillis())));
        }
        return Outcome.CONTINUE;
    }
}
