package singj.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The machine's C compiler, as the command that runs it: its path, then any words that followed
 * it in {@code $CC} (so {@code CC="ccache gcc"} works).
 */
record CCompiler(List<String> command) {
    /** The names tried after {@code $CC}, in order. */
    static final List<String> NAMES = List.of("cc", "gcc", "clang");

    /** Flags for every baseline: plain C11 (POSIX and GNU calls come from _GNU_SOURCE in the sources). */
    private static final List<String> FLAGS = List.of("-std=c11", "-O2", "-Wall", "-Wextra", "-pthread");
    private static final Duration TIMEOUT = Duration.ofMinutes(2);

    CCompiler {
        command = List.copyOf(command);
    }

    /**
     * Finds a compiler: {@code $CC} if it is set and names an executable, then {@code cc},
     * {@code gcc} and {@code clang} on {@code $PATH}, both read from {@code environment}.
     */
    static CCompiler find(Map<String, String> environment) {
        List<String> path = searchPath(environment.get("PATH"));
        String cc = environment.getOrDefault("CC", "").strip();
        if (!cc.isEmpty()) {
            List<String> words = Arrays.asList(cc.split("\\s+"));
            Optional<Path> found = executable(words.getFirst(), path);
            if (found.isPresent()) {
                List<String> command = new ArrayList<>(words);
                command.set(0, found.get().toString());
                return new CCompiler(command);
            }
        }
        for (String name : NAMES) {
            Optional<Path> found = executable(name, path);
            if (found.isPresent()) {
                return new CCompiler(List.of(found.get().toString()));
            }
        }
        throw new NativeBaselineException("no C compiler found (tried $CC" + (cc.isEmpty() ? "" : "=" + cc) + ", "
                + String.join(", ", NAMES) + "): install gcc to measure the Linux baselines");
    }

    /** Compiles one C source file, which may include headers from its own directory, to {@code binary}. */
    void compile(Path source, Path binary) {
        List<String> invocation = new ArrayList<>(command);
        invocation.addAll(FLAGS);
        invocation.addAll(List.of("-o", binary.toString(), source.toString()));
        FinishedProcess compiler = FinishedProcess.run(invocation, source.getParent(), TIMEOUT);
        if (compiler.exitCode() != 0) {
            throw new NativeBaselineException("compiling " + source.getFileName() + " failed (" + String.join(" ", invocation)
                    + "): " + (compiler.stderr() + compiler.stdout()).strip());
        }
    }

    private static List<String> searchPath(String path) {
        if (path == null) {
            return List.of();
        }
        return Arrays.stream(path.split(":")).filter(dir -> !dir.isEmpty()).toList();
    }

    /** A name with a slash is a path; any other is looked up in the directories of the search path. */
    private static Optional<Path> executable(String name, List<String> searchPath) {
        if (name.contains("/")) {
            Path file = Path.of(name).toAbsolutePath();
            return Files.isRegularFile(file) && Files.isExecutable(file) ? Optional.of(file) : Optional.empty();
        }
        return searchPath.stream()
                .map(dir -> Path.of(dir, name))
                .filter(file -> Files.isRegularFile(file) && Files.isExecutable(file))
                .findFirst();
    }
}
