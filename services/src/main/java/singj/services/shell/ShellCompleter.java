package singj.services.shell;

import java.util.List;
import org.jline.builtins.Completers;
import org.jline.reader.Candidate;
import org.jline.reader.Completer;
import org.jline.reader.LineReader;
import org.jline.reader.ParsedLine;
import singj.kernel.Kernel;
import singj.kernel.proc.ProcessInfo;
import singj.services.InstalledProgram;
import singj.services.ProgramManager;

/**
 * Tab completion at the shell prompt: command names first, then what each command takes
 * (installed programs and jar files for {@code run}, jar files for {@code install}, the pids of
 * the SIPs {@code kill} may stop, command names for {@code help}).
 */
public final class ShellCompleter implements Completer {
    private final CommandTable commands;
    private final Kernel kernel;
    private final ProgramManager programs;
    private final Completer files = new Completers.FileNameCompleter();

    public ShellCompleter(CommandTable commands, Kernel kernel, ProgramManager programs) {
        this.commands = commands;
        this.kernel = kernel;
        this.programs = programs;
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            commands.all().forEach(c -> candidates.add(new Candidate(c.name(), c.name(), null, c.summary(), null, null, true)));
            return;
        }
        if (line.wordIndex() != 1) {
            return;
        }
        switch (line.words().getFirst()) {
            case "help" -> commands.names().forEach(name -> candidates.add(new Candidate(name)));
            case "run" -> {
                for (InstalledProgram program : installed()) {
                    candidates.add(new Candidate(program.name(), program.name(), "programs", program.mainClass(),
                            null, null, true));
                }
                files.complete(reader, line, candidates);
            }
            case "install" -> files.complete(reader, line, candidates);
            case "kill" -> {
                for (ProcessInfo process : kernel.processes()) {
                    if (!process.system()) {
                        String pid = Integer.toString(process.pid());
                        candidates.add(new Candidate(pid, pid, null, process.program(), null, null, true));
                    }
                }
            }
            default -> { }
        }
    }

    /** Completion must never fail the prompt: an unreadable image completes no program names. */
    private List<InstalledProgram> installed() {
        try {
            return programs.programs();
        } catch (RuntimeException e) {
            return List.of();
        }
    }
}
