package singj.abi;

import java.util.Objects;
import java.util.function.BooleanSupplier;

/**
 * The SIP that opened a channel by name ({@link Sip#open}), as the kernel knows it: how a service
 * tells its clients apart ({@link Endpoint#opener()} of the server end it accepted). A client
 * cannot choose what its service sees here: the kernel records the SIP that made the open call,
 * and the record stays with the channel wherever its ends move. Process ids are never reused
 * within one boot, so the pid alone names one SIP for the kernel's life.
 *
 * <p>A service that keeps something per client (the file system's quota) keys it by the pid and
 * drops it once {@link #running()} says the SIP has ended: a client that closes its channel and
 * opens the name again is the same SIP, and gets the same record.
 */
public final class Opener {
    private final int pid;
    private final String program;
    private final BooleanSupplier running;

    /**
     * Made by the kernel. A SIP may make one, but gains nothing by it: a service learns who its
     * clients are only from the endpoints the kernel hands it.
     */
    public Opener(int pid, String program, BooleanSupplier running) {
        this.pid = pid;
        this.program = Objects.requireNonNull(program);
        this.running = Objects.requireNonNull(running);
    }

    /** The opener's process id (0: the host, the kernel's embedder, not a SIP). */
    public int pid() {
        return pid;
    }

    /** The installed program the opener runs. */
    public String program() {
        return program;
    }

    /** Whether the opener is still running: false once it has ended and the kernel released what it held. */
    public boolean running() {
        return running.getAsBoolean();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Opener other && other.pid == pid;
    }

    @Override
    public int hashCode() {
        return Integer.hashCode(pid);
    }

    @Override
    public String toString() {
        return "pid " + pid + " (" + program + ")";
    }
}
