package singj.kernel.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Host files that must not outlive the JVM (a process SIP's window in /dev/shm, its socket
 * directory): a {@link HostRuntime}'s kernels add each while it exists, and a JVM shutdown hook,
 * registered while any is held, deletes what is still there when the JVM exits. A JVM killed
 * outright runs no hook: the next kernel's sweep (docs/isolation.md) removes what it left.
 */
public final class ExitFiles {
    private final Set<Path> files = ConcurrentHashMap.newKeySet();
    private Thread hook;

    ExitFiles() {}

    /** {@code file} (or an empty directory, or a directory of files) is deleted if the JVM exits while it is held. */
    public void hold(Path file) {
        files.add(file);
        synchronized (this) {
            if (hook == null) {
                hook = Thread.ofPlatform().unstarted(this::deleteAll);
                try {
                    Runtime.getRuntime().addShutdownHook(hook);
                } catch (IllegalStateException exiting) {
                    hook = null; // the JVM is already exiting: its other hooks, or the next sweep, see to it
                }
            }
        }
    }

    /** {@code file} was deleted by its owner (or handed over): the exit no longer deletes it. */
    public void release(Path file) {
        files.remove(file);
    }

    /** How many files are held: what an exit now would delete. */
    public int held() {
        return files.size();
    }

    /** Deletes every held file; what is a directory loses its entries first. */
    void deleteAll() {
        for (Path file : List.copyOf(files)) {
            delete(file);
            files.remove(file);
        }
    }

    /** Deletes {@code file}, or a directory and the files in it; a failure is reported, not thrown. */
    public static void delete(Path file) {
        try {
            if (Files.isDirectory(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                List<Path> entries = new ArrayList<>();
                try (var list = Files.list(file)) {
                    list.forEach(entries::add);
                }
                for (Path entry : entries) {
                    Files.deleteIfExists(entry);
                }
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            System.err.println("singj: kernel: cannot delete " + file + ": " + e);
        }
    }

    /** The host runtime closes: its hook goes, after deleting what is still held. */
    void close() {
        deleteAll();
        synchronized (this) {
            if (hook != null) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException exiting) {
                    // the JVM is exiting: the hook runs, and finds nothing
                }
                hook = null;
            }
        }
    }
}
