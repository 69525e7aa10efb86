package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * What process SIPs (docs/isolation.md) could leave behind in this JVM and on the host, looked for
 * from outside the kernel: a window still mapped here, a window file in /dev/shm, a socket
 * directory, a child JVM still alive.
 */
final class ProcessLeftovers {
    private static final long PID = ProcessHandle.current().pid();

    private ProcessLeftovers() {}

    /** Everything left, described; empty when nothing is. */
    static List<String> find() {
        List<String> left = new ArrayList<>();
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/maps"))) {
                if (line.contains("/dev/shm/singj-" + PID + "-")) {
                    left.add("mapped: " + line);
                }
            }
            try (Stream<Path> files = Files.list(Path.of("/dev/shm"))) {
                files.filter(f -> f.getFileName().toString().startsWith("singj-" + PID + "-")).forEach(f -> left.add("file: " + f));
            }
            try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
                files.filter(f -> f.getFileName().toString().startsWith("singj-sip-" + PID + "-")).forEach(f -> left.add("socket directory: " + f));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ProcessHandle.current().children()
                .filter(child -> child.info().arguments().map(args -> String.join(" ", args).contains("singj.kernel.isolate"))
                        .orElse(false))
                .forEach(child -> left.add("child JVM: " + child.pid() + " " + child.info().commandLine().orElse("")));
        return left;
    }

    /** Fails unless nothing is left, giving the reaper up to 5 s for what it releases after the exit status. */
    static void assertNone() throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        List<String> left;
        while (!(left = find()).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertEquals(List.of(), left, "what process SIPs left behind");
    }
}
