package singj.kernel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A host runtime's exit files: deleted when the JVM exits while they are held, and when the
 * runtime closes; a file released by its owner is not the exit's to delete.
 */
class ExitFilesTest {
    @TempDir
    Path work;

    @Test
    void aJvmThatExitsWhileFilesAreHeldLeavesNone() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "-cp", System.getProperty("java.class.path"),
                Holder.class.getName(), work.toString()).redirectErrorStream(true).start();
        assertTrue(child.waitFor(60, TimeUnit.SECONDS), "the child exits");
        String out = new String(child.getInputStream().readAllBytes());
        assertEquals(0, child.exitValue(), out);
        assertTrue(out.contains("held 2"), out);
        assertEquals(List.of("released"), list(work), "the held file and directory went with the JVM; the released one stays");
    }

    @Test
    void aClosedRuntimeDeletesWhatItsKernelsStillHeld() throws Exception {
        Path file = Files.createFile(work.resolve("window"));
        try (HostRuntime host = HostRuntime.start()) {
            host.exitFiles().hold(file);
            assertEquals(1, host.exitFiles().held());
        }
        assertFalse(Files.exists(file));
    }

    private static List<String> list(Path directory) throws Exception {
        try (var files = Files.list(directory)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    /** The child: holds a file and a directory with a socket in it, releases a third, and exits. */
    public static final class Holder {
        public static void main(String[] args) throws Exception {
            Path work = Path.of(args[0]);
            ExitFiles files = HostRuntime.ofThisJvm().exitFiles();
            Path window = Files.createFile(work.resolve("window"));
            Path directory = Files.createDirectory(work.resolve("sip"));
            Files.createFile(directory.resolve("kernel.sock"));
            Path released = Files.createFile(work.resolve("released"));
            files.hold(window);
            files.hold(directory);
            files.hold(released);
            files.release(released);
            System.out.println("held " + files.held());
            System.exit(0);
        }
    }
}
