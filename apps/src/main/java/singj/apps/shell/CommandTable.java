package singj.apps.shell;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The shell's commands by name, and the nearest name to a mistyped one. */
public final class CommandTable {
    private final Map<String, Command> byName = new LinkedHashMap<>();

    public CommandTable(List<Command> commands) {
        for (Command command : commands) {
            if (byName.putIfAbsent(command.name(), command) != null) {
                throw new IllegalArgumentException("two commands named " + command.name());
            }
        }
    }

    /** Every command of the SingJ shell, in the order {@code help} lists them. */
    public static CommandTable standard() {
        return new CommandTable(List.of(new HelpCommand(), new PsCommand(), new ProgramsCommand(),
                new RunCommand(), new KillCommand(), new NsCommand(), new ChannelsCommand(), new HeapCommand(),
                new LsCommand(), new CatCommand(), new WriteCommand(), new MkdirCommand(), new RmCommand(),
                new MvCommand(), new DfCommand(), new CdCommand(), new PwdCommand(),
                new InstallCommand(), new ExitCommand()));
    }

    /** What the console completes as the first word: a line per command, its name, a tab and its summary. */
    public String completionTable() {
        StringBuilder table = new StringBuilder();
        byName.values().forEach(c -> table.append(c.name()).append('\t').append(c.summary()).append('\n'));
        return table.toString();
    }

    public Optional<Command> find(String name) {
        return Optional.ofNullable(byName.get(name));
    }

    public List<Command> all() {
        return List.copyOf(byName.values());
    }

    public List<String> names() {
        return List.copyOf(byName.keySet());
    }

    /**
     * The command {@code typed} was probably meant to be: the only one it begins, else the nearest
     * by edit distance if that is close enough to be a typo (at most 2 edits, and fewer than half
     * the word) and no other is as near.
     */
    public Optional<String> suggest(String typed) {
        List<String> extending = byName.keySet().stream().filter(name -> name.startsWith(typed)).toList();
        if (extending.size() == 1 && !typed.isEmpty()) {
            return Optional.of(extending.getFirst());
        }
        record Candidate(String name, int distance) {}
        List<Candidate> nearest = byName.keySet().stream()
                .map(name -> new Candidate(name, EditDistance.between(typed, name)))
                .sorted(Comparator.comparingInt(Candidate::distance))
                .toList();
        Candidate best = nearest.getFirst();
        boolean close = best.distance() <= 2 && best.distance() * 2 <= Math.max(typed.length(), best.name().length());
        boolean unique = nearest.size() == 1 || nearest.get(1).distance() > best.distance();
        return close && unique ? Optional.of(best.name()) : Optional.empty();
    }

    /** What to say when nobody knows {@code typed}. */
    public String unknown(String typed) {
        return "no command '" + typed + "'"
                + suggest(typed).map(name -> "; did you mean '" + name + "'?").orElse(" (type 'help' for the list)");
    }
}
