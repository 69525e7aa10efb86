package singj.abi.runtime;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;

/**
 * What {@code ProcessHandle.current()} answers in a SIP: the SIP itself, not the JVM that hosts
 * every SIP. Its pid is the SIP's; it is alive while it can be asked; it has no visible parent or
 * children (other processes are not a SIP's to see) and no command line or user (the host's are
 * not the SIP's). {@code onExit} and {@code destroy} throw {@link IllegalStateException}, as
 * they do for the current process under {@code java}: a SIP ends with {@code System.exit}.
 */
final class SipProcessHandle implements ProcessHandle {
    private final long pid;

    SipProcessHandle(long pid) {
        this.pid = pid;
    }

    @Override
    public long pid() {
        return pid;
    }

    @Override
    public Optional<ProcessHandle> parent() {
        return Optional.empty();
    }

    @Override
    public Stream<ProcessHandle> children() {
        return Stream.empty();
    }

    @Override
    public Stream<ProcessHandle> descendants() {
        return Stream.empty();
    }

    @Override
    public Info info() {
        return NO_INFO;
    }

    @Override
    public CompletableFuture<ProcessHandle> onExit() {
        throw new IllegalStateException("onExit for current process not allowed");
    }

    @Override
    public boolean supportsNormalTermination() {
        return true;
    }

    @Override
    public boolean destroy() {
        throw new IllegalStateException("destroy of current process not allowed");
    }

    @Override
    public boolean destroyForcibly() {
        throw new IllegalStateException("destroy of current process not allowed");
    }

    @Override
    public boolean isAlive() {
        return true; // the SIP is running the code that asks
    }

    @Override
    public int compareTo(ProcessHandle other) {
        return Long.compare(pid, other.pid());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SipProcessHandle handle && handle.pid == pid;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(pid);
    }

    @Override
    public String toString() {
        return String.valueOf(pid);
    }

    /** Nothing about the host's process: each part may be absent, as {@link ProcessHandle.Info} allows. */
    private static final Info NO_INFO = new Info() {
        @Override
        public Optional<String> command() {
            return Optional.empty();
        }

        @Override
        public Optional<String> commandLine() {
            return Optional.empty();
        }

        @Override
        public Optional<String[]> arguments() {
            return Optional.empty();
        }

        @Override
        public Optional<Instant> startInstant() {
            return Optional.empty();
        }

        @Override
        public Optional<Duration> totalCpuDuration() {
            return Optional.empty();
        }

        @Override
        public Optional<String> user() {
            return Optional.empty();
        }

        @Override
        public String toString() {
            return "[]";
        }
    };
}
