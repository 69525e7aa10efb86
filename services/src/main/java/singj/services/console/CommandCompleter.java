package singj.services.console;

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
 * Tab completion at the shell prompt, on the console's side (the console owns the terminal):
 * command names first, as the shell announced them with its last {@code ReadCommand}, then what
 * the usual commands take (installed programs and jar files for {@code run}, jar files for
 * {@code install}, the pids of the SIPs {@code kill} may stop, command names for {@code help}).
 */
public final class CommandCompleter implements Completer {
    private final Kernel kernel;
    private final ProgramManager programs;
    private final Completer files = new Completers.FileNameCompleter();
    private volatile List<Candidate> commands = List.of();
    private volatile List<String> names = List.of();

    public CommandCompleter(Kernel kernel, ProgramManager programs) {
        this.kernel = kernel;
        this.programs = programs;
    }

    /** The shell's commands: a line each, the name, a tab and the summary. */
    public void commands(String table) {
        List<String[]> rows = table.lines().filter(l -> !l.isBlank()).map(l -> l.split("\t", 2)).toList();
        commands = rows.stream().map(r -> new Candidate(r[0], r[0], null, r.length > 1 ? r[1] : null, null, null, true))
                .toList();
        names = rows.stream().map(r -> r[0]).toList();
    }

    @Override
    public void complete(LineReader reader, ParsedLine line, List<Candidate> candidates) {
        if (line.wordIndex() == 0) {
            candidates.addAll(commands);
            return;
        }
        if (line.wordIndex() != 1) {
            return;
        }
        switch (line.words().getFirst()) {
            case "help" -> names.forEach(name -> candidates.add(new Candidate(name)));
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
