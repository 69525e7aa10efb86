package singj.kernel.isolate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import singj.kernel.host.ExitFiles;

/**
 * The names of a process SIP's host files (its window and lanes in /dev/shm, its socket directory),
 * and the sweep that removes those a dead kernel JVM left (docs/isolation.md). Each name starts
 * with its kernel JVM's owner mark, {@code <pid>-s<start>}: the pid and the JVM's start in epoch
 * milliseconds, so that a pid reused by another process does not keep a dead JVM's files. A file
 * whose owner is alive is never touched, whichever kernel of that JVM made it.
 */
final class HostLeftovers {
    /** {@code singj-<pid>-s<start>-…} (a window or lanes) or {@code singj-sip-<pid>-s<start>-…} (a socket directory). */
    private static final Pattern OWNED = Pattern.compile("singj-(?:sip-)?(\\d{1,19})-s(\\d{1,19})-.*");

    private HostLeftovers() {}

    /** This JVM's owner mark, {@code <pid>-s<start>} ({@code s0} where the start cannot be read). */
    static String owner() {
        ProcessHandle self = ProcessHandle.current();
        return self.pid() + "-s" + self.info().startInstant().map(Instant::toEpochMilli).orElse(0L);
    }

    /** Removes what dead kernel JVMs left in /dev/shm and in the temporary directory. */
    static void sweep() {
        sweep(Window.SHARED_MEMORY, Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Removes, from each of {@code directories}, the SingJ files of a JVM that is no longer alive; returns them. */
    static List<Path> sweep(Path... directories) {
        List<Path> swept = new ArrayList<>();
        for (Path directory : directories) {
            List<Path> dead = new ArrayList<>();
            try (Stream<Path> files = Files.list(directory)) {
                files.filter(file -> ownerIsDead(file.getFileName().toString())).forEach(dead::add);
            } catch (IOException | RuntimeException unreadable) {
                continue; // no such directory here: nothing of ours is in it
            }
            for (Path file : dead) {
                ExitFiles.delete(file);
                if (!Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    swept.add(file);
                }
            }
        }
        return swept;
    }

    /** Whether {@code name} is a SingJ host file whose owner JVM is gone (its pid dead, or now another process's). */
    static boolean ownerIsDead(String name) {
        Matcher owned = OWNED.matcher(name);
        if (!owned.matches()) {
            return false;
        }
        long pid;
        long start;
        try {
            pid = Long.parseLong(owned.group(1));
            start = Long.parseLong(owned.group(2));
        } catch (NumberFormatException tooLong) {
            return false;
        }
        Optional<ProcessHandle> process = ProcessHandle.of(pid);
        if (process.isEmpty() || !process.get().isAlive()) {
            return true;
        }
        // the pid is alive: the owner only if it started when the name says (unknown starts are kept)
        Optional<Instant> started = process.get().info().startInstant();
        return start != 0 && started.isPresent() && started.get().toEpochMilli() != start;
    }
}
