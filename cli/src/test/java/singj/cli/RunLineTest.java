package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code singj run}'s options read without picocli give what picocli gives, or are left to it. */
class RunLineTest {
    private static final Terminal TERMINAL = new Terminal(InputStream.nullInputStream(),
            new PrintStream(PrintStream.nullOutputStream()), new PrintStream(PrintStream.nullOutputStream()), false);

    @Test
    void ordinaryLinesReadAsPicocliReadsThem() throws Exception {
        List<List<String>> lines = List.of(
                List.of("hello.jar"),
                List.of("hello"),
                List.of("app.jar", "a", "--memory", "b", "-x"),
                List.of("--kill-after", "2s", "--memory", "64m", "app.jar", "x"),
                List.of("--kill-after=500ms", "--memory=1g", "--exchange", "8m", "app.jar"),
                List.of("--threads", "64", "--channels=256", "--names", "4", "--accepts", "32", "app.jar"),
                List.of("--threads", "-1", "app.jar"),
                List.of("--env", "A=1", "--env", "B=x=y", "--env=C=", "app.jar"),
                List.of("--dir", ".:/work", "--dir-rw=out:/out", "--dir", "b:/b", "app.jar", "in.txt"),
                List.of("--main", "demo.Main", "--image", "/tmp/some image", "--no-cache", "dir/app.jar", "--no-cache"));
        for (List<String> line : lines) {
            String[] args = line.toArray(String[]::new);
            RunCommand quick = new RunCommand(TERMINAL);
            assertTrue(RunLine.read(quick, args), "read without picocli: " + line);
            RunCommand picocli = new RunCommand(TERMINAL);
            new CommandLine(picocli).setStopAtPositional(true).parseArgs(args);
            assertEquals(values(picocli), values(quick), String.join(" ", line));
        }
    }

    /** An option added to {@link RunCommand} and not to {@link RunLine} fails here. */
    @Test
    void everyOptionRunDeclaresIsRead() throws Exception {
        List<Field> fields = new java.util.ArrayList<>(List.of(RunCommand.class.getDeclaredFields()));
        fields.addAll(List.of(ImageOption.class.getDeclaredFields()));
        int options = 0;
        for (Field field : fields) {
            CommandLine.Option option = field.getAnnotation(CommandLine.Option.class);
            if (option == null) {
                continue;
            }
            options++;
            for (String name : option.names()) {
                List<String> line = new java.util.ArrayList<>(List.of(name));
                if (field.getType() != boolean.class) {
                    line.add(sample(field, option));
                }
                line.add("app.jar");
                String[] args = line.toArray(String[]::new);
                RunCommand quick = new RunCommand(TERMINAL);
                assertTrue(RunLine.read(quick, args), "option " + name + " is not read without picocli");
                RunCommand picocli = new RunCommand(TERMINAL);
                new CommandLine(picocli).setStopAtPositional(true).parseArgs(args);
                assertEquals(values(picocli), values(quick), String.join(" ", line));
            }
        }
        assertTrue(options >= 11, "found the options: " + options);
    }

    private static String sample(Field field, CommandLine.Option option) {
        if (option.converter().length > 0) {
            if (option.converter()[0] == RunCommand.IsolationConverter.class) {
                return "process";
            }
            return option.converter()[0] == Units.DurationConverter.class ? "3s" : "48m";
        }
        return field.getType() == int.class ? "7" : field.getType() == Map.class ? "K=V" : "/tmp/x";
    }

    @Test
    void everythingElseIsLeftToPicocli() {
        List<List<String>> lines = List.of(
                List.of(),
                List.of("--help"),
                List.of("--memory", "64m"),
                List.of("--memory", "lots", "app.jar"),
                List.of("--threads", "many", "app.jar"),
                List.of("--env", "NOEQUALS", "app.jar"),
                List.of("--no-cache=true", "app.jar"),
                List.of("--unknown", "app.jar"),
                List.of("--", "app.jar"),
                List.of("--kill-after"));
        for (List<String> line : lines) {
            assertFalse(RunLine.read(new RunCommand(TERMINAL), line.toArray(String[]::new)), String.join(" ", line));
        }
    }

    @Test
    void whatPicocliSaysOfABadLineIsStillSaid() {
        var result = singj.cli.testing.ProcessRunner.singj("", "run", "--memory", "lots", "app.jar");
        assertEquals(CommandLine.ExitCode.USAGE, result.exitCode());
        assertTrue(result.err().contains("'lots' is not a size"), result.err());
    }

    /** Every option and parameter field of the command and its mixins, by name. */
    private static Map<String, Object> values(Object command) throws IllegalAccessException {
        Map<String, Object> values = new LinkedHashMap<>();
        for (Field field : command.getClass().getDeclaredFields()) {
            field.setAccessible(true);
            if (field.isAnnotationPresent(CommandLine.Mixin.class)) {
                values.putAll(values(field.get(command)));
            } else if (field.isAnnotationPresent(CommandLine.Option.class) || field.isAnnotationPresent(CommandLine.Parameters.class)) {
                Object value = field.get(command);
                values.put(field.getName(), value instanceof Map<?, ?> map ? new LinkedHashMap<>(map) : value);
            }
        }
        return values;
    }
}
