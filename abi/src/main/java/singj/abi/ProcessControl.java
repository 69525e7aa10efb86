package singj.abi;

/**
 * The contract of the kernel's process manager, registered at {@value #NAME}: listing the
 * processes, a row at a time, and killing one. The shell's {@code ps} and {@code kill} speak it;
 * any SIP whose manifest grants it the name ({@code SingJ-Opens: /kernel/processes}) may too.
 */
@Contract({
    "IDLE    client: ListProcesses -> LISTING, Kill -> KILLING",
    "LISTING server: Row -> ROW, End -> IDLE",
    "ROW     client: More -> LISTING",
    "KILLING server: Killed -> IDLE, Refused -> IDLE"
})
public interface ProcessControl {
    /** Where the kernel registers its process manager. */
    String NAME = "/kernel/processes";

    /** Asks for the process table, a {@link Row} per process and then {@link End}. */
    record ListProcesses() implements Message {}

    /** One process; the client answers {@link More} for the next. */
    record Row(int pid, String program, String state, int threads, long memoryBytes, long uptimeMillis,
               boolean system) implements Message {}

    record More() implements Message {}

    record End() implements Message {}

    /** Kills a SIP and waits (a little) until everything it held is freed. */
    record Kill(int pid) implements Message {}

    /** It was killed; {@code cleanedUp} says whether its cleanup finished within the wait. */
    record Killed(int pid, boolean cleanedUp) implements Message {}

    /** Why it was not killed: no such process, a system SIP, already ended. */
    record Refused(String reason) implements Message {}
}
