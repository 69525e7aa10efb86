package singj.cli;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import singj.cli.testing.ProcessRunner;
import singj.cli.testing.ProgramCompiler;

/**
 * The promise that a plain Java program installs and runs unchanged: every program in
 * {@code corpus/ordinary} must pass {@code singj verify}, and {@code singj run} must print exactly
 * the standard output {@code java -jar} prints and exit with the same code, given the same
 * arguments and standard input. Standard error is compared too, except the stack-frame lines
 * ({@code \tat ...}, {@code \t... N more}): so the first line of an uncaught exception's report,
 * its message and its causes must match, where the frames belong to the host.
 *
 * <p>A program chooses its arguments and input with comments at the top of its source:
 * <pre>
 * // args: one "two words" ""      (whitespace-separated; double quotes group, "" is an empty argument)
 * // stdin: a line of input        (one such comment per line of input, each ending in a newline)
 * </pre>
 *
 * <p>All programs are compiled once, and their {@code java -jar} baselines start at once in the
 * background (two JVMs at a time), while each test runs its program under SingJ in this JVM.
 */
class OrdinaryProgramsTest {
    private static final String CORPUS = "corpus/ordinary";
    private static final Duration JAVA_TIMEOUT = Duration.ofSeconds(60);
    private static final String KILL_AFTER = "30s";

    private record Program(String name, Path jar, List<String> args, String stdin) {}

    private static Path work;
    private static ExecutorService baselines;
    private static final Map<String, Program> programs = new ConcurrentHashMap<>();
    private static final Map<String, Future<ProcessRunner.Result>> javaResults = new ConcurrentHashMap<>();

    static List<String> corpus() {
        return ProgramCompiler.listResources(CORPUS).stream()
                .map(r -> r.substring(r.lastIndexOf('/') + 1, r.length() - ".java".length())).toList();
    }

    @BeforeAll
    static void compileAndStartBaselines() throws IOException {
        work = Files.createTempDirectory("singj-ordinary");
        baselines = Executors.newFixedThreadPool(2);
        for (String name : corpus()) {
            String resource = CORPUS + "/" + name + ".java";
            String source = readResource(resource);
            Program program = new Program(name, ProgramCompiler.compileResource(resource, work),
                    directiveArgs(source), directiveStdin(source));
            programs.put(name, program);
            javaResults.put(name, baselines.submit(
                    () -> ProcessRunner.javaJar(program.jar(), program.args(), program.stdin(), JAVA_TIMEOUT)));
        }
    }

    @AfterAll
    static void stopBaselines() {
        baselines.shutdownNow();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpus")
    void verifiesAndRunsExactlyAsUnderJava(String name) throws Exception {
        Program program = programs.get(name);

        var verify = ProcessRunner.singj("", "verify", program.jar().toString());
        assertEquals(0, verify.exitCode(), () -> name + " was rejected:\n" + verify.err());
        assertTrue(verify.out().matches("[^\n]*: \\d+ class(es)?, \\d+ methods? checked, (\\d+ unreachable and dropped, )?no violations\n"),
                () -> "verify should print one summary line, printed:\n" + verify.out());

        List<String> command = new ArrayList<>(List.of("run", "--kill-after", KILL_AFTER, program.jar().toString()));
        command.addAll(program.args());
        var singj = ProcessRunner.singj(program.stdin(), command.toArray(String[]::new));
        var java = javaResults.get(name).get();

        assertAll(
                () -> assertEquals(java.out(), singj.out(), name + ": standard output differs"),
                () -> assertEquals(java.exitCode(), singj.exitCode(),
                        () -> name + ": exit code differs; singj's standard error:\n" + singj.err()),
                () -> assertEquals(withoutStackFrames(java.err()), withoutStackFrames(singj.err()),
                        name + ": standard error differs (stack frames aside)"));
    }

    /** Standard error without the lines that list stack frames, which name host classes. */
    static String withoutStackFrames(String err) {
        return err.lines().filter(line -> !line.startsWith("\tat ") && !line.matches("\t\\.\\.\\. \\d+ more"))
                .collect(Collectors.joining("\n"));
    }

    static List<String> directiveArgs(String source) {
        List<String> args = new ArrayList<>();
        for (String line : directives(source, "args")) {
            args.addAll(splitArguments(line));
        }
        return args;
    }

    static String directiveStdin(String source) {
        StringBuilder stdin = new StringBuilder();
        for (String line : directives(source, "stdin")) {
            stdin.append(line).append('\n');
        }
        return stdin.toString();
    }

    /** The text after {@code // KEY:} (one optional space stripped) on each leading comment line. */
    private static List<String> directives(String source, String key) {
        String prefix = "// " + key + ":";
        List<String> values = new ArrayList<>();
        for (String line : source.lines().toList()) {
            if (!line.startsWith("//")) {
                break;
            }
            if (line.startsWith(prefix)) {
                String value = line.substring(prefix.length());
                values.add(value.startsWith(" ") ? value.substring(1) : value);
            }
        }
        return values;
    }

    /** Splits at whitespace; double quotes group words (and {@code ""} is an empty argument). */
    static List<String> splitArguments(String text) {
        List<String> args = new ArrayList<>();
        StringBuilder current = null;
        boolean quoted = false;
        for (char c : text.toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
                if (current == null) {
                    current = new StringBuilder();
                }
            } else if (Character.isWhitespace(c) && !quoted) {
                if (current != null) {
                    args.add(current.toString());
                    current = null;
                }
            } else {
                if (current == null) {
                    current = new StringBuilder();
                }
                current.append(c);
            }
        }
        if (current != null) {
            args.add(current.toString());
        }
        return args;
    }

    private static String readResource(String resource) {
        try (InputStream in = OrdinaryProgramsTest.class.getClassLoader().getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
