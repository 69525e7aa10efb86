package singj.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * What SingJ's figures are compared with on Linux: small C programs in {@code bench/src/main/c},
 * each timing one operation in a loop after a warm-up. {@link NativeBaselines} builds and runs them.
 */
public enum LinuxBaseline {
    /** A system call that does nothing: {@code syscall(SYS_getpid)}, not libc's possibly cached {@code getpid}. */
    GETPID("getpid", "getpid", 1_000_000, "syscall(SYS_getpid)"),
    /** A real switch between two threads pinned to one CPU, each calling {@code sched_yield}. */
    YIELD("yield", "yield", 100_000, "hand-over between two threads on one CPU by sched_yield"),
    /** A round trip between two threads through a mutex and two condition variables. */
    CONDVAR("condvar", "condvar", 20_000, "round trip between two threads by mutex + condition variables"),
    /** A round trip between two processes over two pipes, 64 bytes each way. */
    PIPE("pipe", "pipe", 20_000, "round trip between two processes over pipes, 64 B each way"),
    /** The same round trip with 1 MiB each way. */
    PIPE_1MIB("pipe-1MiB", "pipe", 200, "round trip between two processes over pipes, 1 MiB each way"),
    /** {@code posix_spawn} of a program that does nothing, then {@code waitpid} until it has exited. */
    SPAWN("spawn", "spawn", 500, "posix_spawn + waitpid of a program that exits at once");

    /** The program {@link #SPAWN} starts. */
    static final String SPAWNED = "exit0";

    private final String id;
    private final String program;
    private final long defaultOps;
    private final String operation;

    LinuxBaseline(String id, String program, long defaultOps, String operation) {
        this.id = id;
        this.program = program;
        this.defaultOps = defaultOps;
        this.operation = operation;
    }

    /** Its name on the command line. */
    public String id() {
        return id;
    }

    /** An operation count that takes a few tenths of a second here. */
    public long defaultOps() {
        return defaultOps;
    }

    /** One operation, in words. */
    public String operation() {
        return operation;
    }

    /** The programs (C source names without {@code .c}) it needs built; the first is the one it runs. */
    List<String> programs() {
        return this == SPAWN ? List.of(program, SPAWNED) : List.of(program);
    }

    /** The arguments of its program, whose binaries are in {@code binaries}. */
    List<String> arguments(long ops, Path binaries) {
        String count = Long.toString(ops);
        return switch (this) {
            case PIPE -> List.of(count, "64");
            case PIPE_1MIB -> List.of(count, Integer.toString(1 << 20));
            case SPAWN -> List.of(count, binaries.resolve(SPAWNED).toString());
            case GETPID, YIELD, CONDVAR -> List.of(count);
        };
    }

    /** The baseline with this {@linkplain #id() id}. */
    public static LinuxBaseline byId(String id) {
        return Arrays.stream(values()).filter(baseline -> baseline.id.equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no Linux baseline " + id + " (there are "
                        + Arrays.stream(values()).map(LinuxBaseline::id).collect(Collectors.joining(", ")) + ")"));
    }
}
