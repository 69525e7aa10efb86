package singj.kernel.proc;

/** Why a SIP was stopped from outside. */
public enum KillCause {
    /** Someone asked for it: the shell's {@code kill}, or an embedding application. */
    REQUESTED("killed"),
    /** It ran longer than its time limit. */
    TIME_LIMIT("time limit exceeded"),
    /** Its live heap went over its memory quota. */
    MEMORY_QUOTA("memory quota exceeded"),
    /** Printing its uncaught exception (which runs the exception's own code) took too long. */
    UNPRINTABLE_EXCEPTION("uncaught exception would not print"),
    /** A process SIP sent its kernel what the wire does not allow (docs/isolation.md). */
    VIOLATION("protocol violation"),
    /** A process SIP's process ended by a signal it was not sent by its kernel (a crash, out of memory, a kill from outside). */
    PROCESS_DIED("process died"),
    /** The kernel is shutting down. */
    SHUTDOWN("kernel shutdown");

    private final String description;

    KillCause(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
