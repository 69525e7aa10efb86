package singj.bench;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.security.CodeSource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds the {@linkplain LinuxBaseline Linux baselines} with the machine's C compiler and runs
 * them, so that a benchmark can report SingJ against Linux measured in the same run.
 *
 * <p>The C sources travel as resources beside this class ({@code singj/bench/c/}), so the same
 * code works from the repository's {@code target/classes} and from {@code benchmarks.jar}: they
 * are copied into the build directory (rewritten only when their content changed) and compiled
 * with {@code -O2} only when a binary is missing or older than its source or the shared header.
 * The compiler is looked for only when something has to be compiled.
 *
 * <p>A run's time is measured inside the C program, so it leaves out starting the program; the
 * {@link Measurement} is the program's own count of operations and its time per operation.
 *
 * <p>From the command line: {@code java -cp bench/target/benchmarks.jar singj.bench.NativeBaselines
 * [--ops N] [--dir DIR] [baseline...]}, with the baselines' {@linkplain LinuxBaseline#id() ids}
 * (all of them by default).
 */
public final class NativeBaselines {
    /** The C sources' resource directory, relative to this class. */
    private static final String SOURCES = "c/";
    /** Headers every program includes: a program is stale when one of them is newer than it. */
    private static final List<String> HEADERS = List.of("baseline.h");
    /** Longer than any sensible run; a baseline that hangs is killed and reported. */
    private static final Duration TIMEOUT = Duration.ofMinutes(10);

    private final Path directory;
    private final Map<String, String> environment;
    private CCompiler compiler; // found when first needed

    private NativeBaselines(Path directory, Map<String, String> environment) {
        this.directory = directory.toAbsolutePath();
        this.environment = Map.copyOf(environment);
    }

    /**
     * Builds into {@code bench/target/native}: the {@code native} directory beside
     * {@code target/classes} or {@code benchmarks.jar}, whichever this class was loaded from.
     */
    public static NativeBaselines standard() {
        return in(besideTheCode().resolve("native"));
    }

    /** Builds into {@code directory}, with the compiler named by this process's environment. */
    public static NativeBaselines in(Path directory) {
        return in(directory, System.getenv());
    }

    /**
     * Builds into {@code directory}, with the compiler named by {@code environment}'s
     * {@code CC} and {@code PATH} (so tests can stand for a machine without one).
     */
    public static NativeBaselines in(Path directory, Map<String, String> environment) {
        return new NativeBaselines(directory, environment);
    }

    /** Where the sources and binaries are. */
    public Path directory() {
        return directory;
    }

    /** The time per operation of a baseline, and how many operations it counted. */
    public record Measurement(LinuxBaseline baseline, double nsPerOp, long ops) {
        @Override
        public String toString() {
            return String.format("%-10s %12.1f ns/op  (%d ops)  %s", baseline.id(), nsPerOp, ops, baseline.operation());
        }
    }

    /**
     * Runs {@code baseline} for {@code ops} operations (after its own warm-up of a tenth of them),
     * building it first if needed.
     *
     * @throws NativeBaselineException if it cannot be built, fails (the message has its stderr),
     *     or counts other than {@code ops} operations
     */
    public Measurement run(LinuxBaseline baseline, long ops) {
        if (ops <= 0) {
            throw new IllegalArgumentException("ops must be positive: " + ops);
        }
        Measurement measurement = execute(baseline, baseline.arguments(ops, directory));
        if (measurement.ops() != ops) {
            throw new NativeBaselineException("the Linux baseline " + baseline.id() + " counted " + measurement.ops()
                    + " operations, asked for " + ops);
        }
        return measurement;
    }

    /** Builds a baseline's program with {@code arguments}, runs it, and reads its result line. */
    Measurement execute(LinuxBaseline baseline, List<String> arguments) {
        build(baseline);
        List<String> command = new ArrayList<>();
        command.add(binary(baseline.programs().getFirst()).toString());
        command.addAll(arguments);
        FinishedProcess run = FinishedProcess.run(command, directory, TIMEOUT);
        if (run.exitCode() != 0) {
            throw new NativeBaselineException("the Linux baseline " + baseline.id() + " failed (exit " + run.exitCode()
                    + "): " + run.stderr().strip());
        }
        return parse(baseline, run.stdout());
    }

    /** Brings the binaries of these baselines up to date. */
    public synchronized void build(LinuxBaseline... baselines) {
        Set<String> programs = new LinkedHashSet<>();
        for (LinuxBaseline baseline : baselines) {
            programs.addAll(baseline.programs());
        }
        try {
            Files.createDirectories(directory);
            FileTime headers = FileTime.fromMillis(0);
            for (String header : HEADERS) {
                FileTime modified = Files.getLastModifiedTime(extract(header));
                headers = modified.compareTo(headers) > 0 ? modified : headers;
            }
            for (String program : programs) {
                Path source = extract(program + ".c");
                Path binary = binary(program);
                if (isStale(binary, source, headers)) {
                    compile(source, binary);
                }
            }
        } catch (IOException e) {
            throw new NativeBaselineException("could not build the Linux baselines in " + directory + ": " + e, e);
        }
    }

    /** Where a program's binary is (or will be). */
    Path binary(String program) {
        return directory.resolve(program);
    }

    private static boolean isStale(Path binary, Path source, FileTime headers) throws IOException {
        if (!Files.exists(binary)) {
            return true;
        }
        FileTime built = Files.getLastModifiedTime(binary);
        return built.compareTo(Files.getLastModifiedTime(source)) < 0 || built.compareTo(headers) < 0;
    }

    /**
     * Compiles to a temporary name, then renames: another JVM (a JMH fork, a parallel test) building
     * into the same directory never sees, or runs, a half-written binary.
     */
    private void compile(Path source, Path binary) throws IOException {
        if (compiler == null) {
            compiler = CCompiler.find(environment);
        }
        Path partial = Files.createTempFile(directory, binary.getFileName() + ".", ".partial");
        try {
            compiler.compile(source, partial);
            Files.move(partial, binary, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
    }

    /** Copies a C source from the classpath into the build directory unless an identical copy is there. */
    private Path extract(String name) throws IOException {
        byte[] content;
        try (InputStream in = NativeBaselines.class.getResourceAsStream(SOURCES + name)) {
            if (in == null) {
                throw new NativeBaselineException("the C source " + name + " is not on the classpath (expected at "
                        + NativeBaselines.class.getPackageName().replace('.', '/') + "/" + SOURCES + name + ")");
            }
            content = in.readAllBytes();
        }
        Path copy = directory.resolve(name);
        if (Files.exists(copy) && Arrays.equals(Files.readAllBytes(copy), content)) {
            return copy; // keeps its time stamp, so its binary stays up to date
        }
        Path partial = Files.createTempFile(directory, name + ".", ".partial");
        try {
            Files.write(partial, content);
            Files.move(partial, copy, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(partial);
        }
        return copy;
    }

    /** Reads the result line, {@code ns_per_op=1234.5 ops=100000}; other keys are ignored. */
    static Measurement parse(LinuxBaseline baseline, String stdout) {
        Map<String, String> values = new HashMap<>();
        for (String word : stdout.strip().split("\\s+")) {
            int equals = word.indexOf('=');
            if (equals > 0) {
                values.put(word.substring(0, equals), word.substring(equals + 1));
            }
        }
        String nsPerOp = values.get("ns_per_op");
        String ops = values.get("ops");
        if (nsPerOp != null && ops != null) {
            try {
                return new Measurement(baseline, Double.parseDouble(nsPerOp), Long.parseLong(ops));
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new NativeBaselineException("the Linux baseline " + baseline.id() + " printed no result line: \""
                + stdout.strip() + "\"");
    }

    private static Path besideTheCode() {
        CodeSource code = NativeBaselines.class.getProtectionDomain().getCodeSource();
        if (code != null && code.getLocation() != null) {
            try {
                Path location = Path.of(code.getLocation().toURI());
                // target/classes/ or target/benchmarks.jar: either way, target/
                if (location.getParent() != null) {
                    return location.getParent();
                }
            } catch (URISyntaxException | IllegalArgumentException e) {
                // not a file: fall back to the temporary directory
            }
        }
        return Path.of(System.getProperty("java.io.tmpdir"), "singj-bench-" + System.getProperty("user.name"));
    }

    public static void main(String[] args) {
        List<String> rest = new ArrayList<>(List.of(args));
        Long ops = null;
        NativeBaselines baselines = standard();
        try {
            for (int at; (at = rest.indexOf("--ops")) >= 0; ) {
                ops = Long.parseLong(rest.get(at + 1));
                rest.subList(at, at + 2).clear();
            }
            for (int at; (at = rest.indexOf("--dir")) >= 0; ) {
                baselines = in(Path.of(rest.get(at + 1)));
                rest.subList(at, at + 2).clear();
            }
            List<LinuxBaseline> selected = rest.isEmpty() ? List.of(LinuxBaseline.values())
                    : rest.stream().map(LinuxBaseline::byId).toList();
            for (LinuxBaseline baseline : selected) {
                System.out.println(baselines.run(baseline, ops != null ? ops : baseline.defaultOps()));
            }
        } catch (IndexOutOfBoundsException | IllegalArgumentException e) {
            if (e instanceof IllegalArgumentException) {
                System.err.println("singj-bench: " + e.getMessage());
            }
            System.err.println("usage: NativeBaselines [--ops N] [--dir DIR] [baseline...]");
            System.exit(2);
        } catch (NativeBaselineException e) {
            System.err.println("singj-bench: " + e.getMessage());
            System.exit(1);
        }
    }
}
