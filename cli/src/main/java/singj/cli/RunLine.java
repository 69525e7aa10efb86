package singj.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The options of {@code singj run} read straight into a {@link RunCommand}, without picocli:
 * building picocli's model of the commands takes longer than the JVM takes to start (about
 * 160 ms, and 50 ms more to read the annotations through reflection, which makes a proxy class
 * for each annotation type), and {@code run} is the command whose start is measured against
 * {@code java -jar}. Only the ordinary shapes are read ({@code --name value}, {@code --name=value},
 * flags, then the program and its arguments); anything else (help, an unknown option, a value
 * that does not convert) is left to picocli, which says what is wrong. {@code RunLineTest} checks
 * that every option {@link RunCommand} declares is read here as picocli reads it.
 */
final class RunLine {
    private RunLine() {}

    private static List<String> append(List<String> list, String value) {
        List<String> more = new ArrayList<>(list);
        more.add(value);
        return more;
    }

    /** Fills {@code command} from {@code args} (after {@code run}); false if picocli must read them. */
    static boolean read(RunCommand command, String[] args) {
        try {
            int i = 0;
            for (; i < args.length && args[i].startsWith("-"); i++) {
                int equals = args[i].indexOf('=');
                String name = equals < 0 ? args[i] : args[i].substring(0, equals);
                String value = equals < 0 ? null : args[i].substring(equals + 1);
                if (name.equals("--no-cache")) {
                    if (value != null) {
                        return false;
                    }
                    command.noCache = true;
                    continue;
                }
                if (value == null) {
                    if (i + 1 == args.length) {
                        return false;
                    }
                    value = args[++i];
                }
                switch (name) {
                    case "--image" -> command.image.image = Path.of(value);
                    case "--kill-after" -> command.killAfter = Units.parseDuration(value);
                    case "--memory" -> command.memory = Units.parseSize(value);
                    case "--threads" -> command.threads = Integer.parseInt(value);
                    case "--channels" -> command.channels = Integer.parseInt(value);
                    case "--names" -> command.names = Integer.parseInt(value);
                    case "--accepts" -> command.accepts = Integer.parseInt(value);
                    case "--exchange" -> command.exchange = Units.parseSize(value);
                    case "--main" -> command.mainClass = value;
                    case "--dir" -> command.dirs = append(command.dirs, value);
                    case "--dir-rw" -> command.dirsReadWrite = append(command.dirsReadWrite, value);
                    case "--isolation" -> command.isolation = RunCommand.Isolation.parse(value);
                    case "--env" -> {
                        int split = value.indexOf('=');
                        if (split <= 0) {
                            return false;
                        }
                        Map<String, String> env = new LinkedHashMap<>(command.env);
                        env.put(value.substring(0, split), value.substring(split + 1));
                        command.env = env;
                    }
                    default -> {
                        return false;
                    }
                }
            }
            if (i == args.length) {
                return false;
            }
            command.program = args[i];
            command.args = new ArrayList<>(List.of(args).subList(i + 1, args.length));
            return true;
        } catch (IllegalArgumentException e) { // a value that does not convert (a bad path too): picocli says why
            return false;
        }
    }
}
