package singj.kernel.isolate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sweep of what a dead kernel JVM left (docs/isolation.md): its windows, lanes and socket
 * directories go; a live JVM's stay, whichever kernel made them; a pid now another process's does
 * not keep a dead JVM's files; names that are not SingJ's are never touched.
 */
class HostLeftoversTest {
    @TempDir
    Path shm;
    @TempDir
    Path tmp;

    @Test
    void aDeadKernelsFilesAreSweptAndALiveOnesAreNot() throws Exception {
        long dead = deadPid();
        long start = ProcessHandle.current().info().startInstant().orElseThrow().toEpochMilli();
        String self = ProcessHandle.current().pid() + "-s" + start;
        assertEquals(self, HostLeftovers.owner());

        Path deadWindow = Files.createFile(shm.resolve("singj-" + dead + "-s" + start + "-3-123.window"));
        Path deadLanes = Files.createFile(shm.resolve("singj-" + dead + "-s" + start + "-3-lanes-456.window"));
        Path deadDirectory = Files.createDirectory(tmp.resolve("singj-sip-" + dead + "-s" + start + "-3-789"));
        Files.createFile(deadDirectory.resolve("kernel.sock"));
        // this JVM's pid, but another start: the pid was reused, its owner is dead
        Path reused = Files.createFile(shm.resolve("singj-" + ProcessHandle.current().pid() + "-s" + (start - 10_000) + "-4-1.window"));

        Path liveWindow = Files.createFile(shm.resolve("singj-" + self + "-5-1.window"));
        Path liveDirectory = Files.createDirectory(tmp.resolve("singj-sip-" + self + "-5-2"));
        Files.createFile(liveDirectory.resolve("kernel.sock"));
        // the init process: alive, but its start unread here is no reason to delete
        Path unknownStart = Files.createFile(shm.resolve("singj-" + ProcessHandle.current().pid() + "-s0-6-1.window"));
        // not SingJ's naming (an older kernel's, or anything else's): never touched
        Path older = Files.createFile(shm.resolve("singj-" + dead + "-3-99.window"));
        Path other = Files.createFile(shm.resolve("pulse-shm-" + dead));
        Path threads = Files.createFile(tmp.resolve("singj-threads123.so"));

        List<Path> swept = HostLeftovers.sweep(shm, tmp);

        assertEquals(Set.of(deadWindow, deadLanes, deadDirectory, reused), Set.copyOf(swept));
        assertEquals(Set.of(liveWindow, unknownStart, older, other), names(shm));
        assertEquals(Set.of(liveDirectory, threads), names(tmp));
        assertTrue(Files.exists(liveDirectory.resolve("kernel.sock")), "a live kernel's socket stays");
    }

    @Test
    void aMissingDirectoryIsNothingToSweep() {
        assertEquals(List.of(), HostLeftovers.sweep(shm.resolve("absent")));
    }

    @Test
    void hostileNamesAreNotOwnersNorErrors() {
        assertFalse(HostLeftovers.ownerIsDead("singj-99999999999999999999-s1-1.window"), "a pid too long");
        assertFalse(HostLeftovers.ownerIsDead("singj--s1-1.window"));
        assertFalse(HostLeftovers.ownerIsDead("singj-1-s-1.window"));
        assertFalse(HostLeftovers.ownerIsDead("singj-sip-../1-s1-1"));
    }

    /** A pid whose process has ended (and, for the moment of the test, is nobody's). */
    private static long deadPid() throws IOException, InterruptedException {
        Process process = new ProcessBuilder("true").start();
        process.waitFor();
        long pid = process.pid();
        assertTrue(ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true));
        return pid;
    }

    private static Set<Path> names(Path directory) throws IOException {
        try (Stream<Path> files = Files.list(directory)) {
            return files.collect(Collectors.toSet());
        }
    }
}
