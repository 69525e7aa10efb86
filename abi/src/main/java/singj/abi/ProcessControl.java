package singj.abi;

import java.util.Arrays;
import java.util.List;

/**
 * The contract of the kernel's process manager, registered at {@value #NAME}: listing the
 * processes, a row at a time; killing one; and starting one and hearing how it ended. The shell's
 * {@code ps}, {@code kill} and {@code run} speak it. The name is a system name: only system SIPs
 * (the shell) are ever granted it, whatever a program's manifest asks.
 *
 * <p>The same contract is served at {@value #CHILDREN} for user programs granted that name: there
 * a SIP lists and kills only the SIPs it started itself, and a SIP it starts gets no more than
 * the starter holds (names, heap, quotas).
 *
 * <p>A channel that has started a program waits for it ({@code RUNNING}) until the server reports
 * {@link Exited}: a client that wants to kill or list meanwhile opens a second channel, as the
 * shell does for Ctrl-C and for each background job.
 */
@Contract({
    "IDLE     client: ListProcesses -> LISTING, Kill -> KILLING, Spawn -> SPAWNING",
    "LISTING  server: Row -> ROW, End -> IDLE",
    "ROW      client: More -> LISTING",
    "KILLING  server: Killed -> IDLE, Refused -> IDLE",
    "SPAWNING server: Spawned -> RUNNING, Refused -> IDLE",
    "RUNNING  server: Exited -> IDLE"
})
public interface ProcessControl {
    /** Where the kernel registers its process manager. */
    String NAME = "/kernel/processes";

    /** Where the process manager serves a SIP's own children. */
    String CHILDREN = "/process/children";

    /** Asks for the process table, a {@link Row} per process and then {@link End}. */
    record ListProcesses() implements Message {}

    /**
     * One process, with what it uses of its quotas and what it was granted; the client answers
     * {@link More} for the next.
     *
     * @param channels channel ends it holds
     * @param names names it has registered
     * @param accepts clients waiting at its names to be accepted
     * @param granted what it was granted, in words (names, heap, exchange heap, quotas)
     * @param parent the SIP that started it through {@value #CHILDREN}, or 0
     */
    record Row(int pid, String program, String state, int threads, int threadLimit, long memoryBytes,
               long memoryQuota, int channels, int channelLimit, int names, int nameLimit, int accepts,
               int acceptLimit, long uptimeMillis, boolean system, String granted, int parent,
               String holdUp) implements Message {}

    record More() implements Message {}

    record End() implements Message {}

    /** Kills a SIP and waits (a little) until everything it held is freed. */
    record Kill(int pid) implements Message {}

    /** It was killed; {@code cleanedUp} says whether its cleanup finished within the wait. */
    record Killed(int pid, boolean cleanedUp) implements Message {}

    /**
     * Why it was not killed (no such process, a system SIP, already ended) or not started (no such
     * program, a jar the verifier rejects: then a line per violation).
     */
    record Refused(String reason) implements Message {}

    /**
     * Starts {@code program}: an installed program's name, or (where the kernel's program store
     * takes them, as {@code singj boot}'s does) the path of a jar, verified and sealed for this run.
     *
     * @param arguments its {@code main}'s arguments, joined by {@link #joinArguments}
     * @param input its standard input, which moves to the new SIP and closes when it ends; null for
     *     none (it reads end of input at once)
     * @param quotas the quotas the client grants it, e.g. {@code "threads=64 channels=256 names=4
     *     accepts=16 exchange=8m"}; those left out take the defaults (never more than the client holds
     *     at {@value #CHILDREN}); empty for all defaults
     * @param directories the host directories it is granted, joined by {@link #joinArguments}, each
     *     {@code --dir=HOST:PATH} (read-only) or {@code --dir-rw=HOST:PATH}; only the kernel's own
     *     clients (the shell, at {@code /kernel/processes}) may grant them; empty for none. With
     *     {@code workingDirectory}, also one {@code --fs=PATH} (read-only) or {@code --fs-rw=PATH}:
     *     where the program sees that directory; and any number of {@code --opens=NAME}: a system
     *     service (such as {@code /fs}) the program may open if its manifest names it too
     * @param workingDirectory the client end of a channel to a {@link Directory} of the file system,
     *     which moves to the new SIP: its java.io and java.nio.file code reaches that directory's
     *     subtree, and relative paths start there unless a host directory is granted; null for none
     * @param ownProcess whether it runs in a JVM process of its own (the shell's {@code run -p}); when
     *     false, its manifest and the system's isolation policy may still give it one
     */
    record Spawn(String program, String arguments, Endpoint<TerminalInput> input, String quotas, String directories,
                 Endpoint<Directory> workingDirectory, boolean ownProcess) implements Message {
        /** A start with no host directory granted. */
        public Spawn(String program, String arguments, Endpoint<TerminalInput> input, String quotas) {
            this(program, arguments, input, quotas, "", null, false);
        }

        /** A start with no directory of the file system, its isolation decided by its manifest and the system's policy. */
        public Spawn(String program, String arguments, Endpoint<TerminalInput> input, String quotas, String directories) {
            this(program, arguments, input, quotas, directories, null, false);
        }

        /** A start with a directory of the file system, its isolation decided by its manifest and the system's policy. */
        public Spawn(String program, String arguments, Endpoint<TerminalInput> input, String quotas, String directories,
                     Endpoint<Directory> workingDirectory) {
            this(program, arguments, input, quotas, directories, workingDirectory, false);
        }
    }

    /**
     * It started as {@code pid}, a SIP of {@code program} (for a jar, the name the jar runs under, as
     * {@code ps} shows it); {@link Exited} follows when it has ended and nothing of it is left.
     */
    record Spawned(int pid, String program) implements Message {}

    /**
     * How it ended.
     *
     * @param code what it passed to {@code System.exit}; 0 when {@code main} returned; 1 after an
     *     uncaught exception; 137 when it was killed
     * @param killedBecause empty if it ended by itself, else why it was killed, for a person
     *     ("memory quota of 64 MiB exceeded", "killed by the shell")
     */
    record Exited(int pid, int code, String killedBecause) implements Message {}

    /** A message field holds strings, not lists: arguments travel joined by NUL, which no argument holds. */
    static String joinArguments(List<String> arguments) {
        for (String argument : arguments) {
            if (argument.indexOf('\0') >= 0) {
                throw new IllegalArgumentException("an argument holds the character NUL: " + argument.replace('\0', '?'));
            }
        }
        return arguments.isEmpty() ? "" : String.join("\0", arguments) + "\0";
    }

    /** The arguments {@link #joinArguments} joined. */
    static List<String> splitArguments(String joined) {
        return joined.isEmpty() ? List.of() : Arrays.asList(joined.substring(0, joined.length() - 1).split("\0", -1));
    }
}
