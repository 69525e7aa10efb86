package singj.abi.runtime;

import singj.abi.Message;
import singj.abi.Opener;
import singj.abi.Side;

/**
 * The kernel's side of one end of a channel, behind an {@link singj.abi.Endpoint}. Every call
 * carries the generation of the endpoint object it comes through: an end that moved to another
 * SIP (sent in a message) has a new generation, and the old endpoint object is dead.
 */
public interface ChannelEnd {
    /** Sends {@code message}, checked against the contract. Never blocks. */
    void send(int generation, Message message);

    /** The next message; waits at most {@code timeoutNanos} (negative: forever); null on timeout. */
    Message receive(int generation, long timeoutNanos);

    /**
     * Waits until one of {@code ends} has a message or is closed, at most {@code timeoutNanos}
     * (negative: forever): its index, or -1 on timeout.
     */
    int select(ChannelEnd[] ends, int[] generations, long timeoutNanos);

    void close(int generation);

    boolean isOpen(int generation);

    String contract();

    Side side();

    /** The state this end has reached, as the contract names it. */
    String state(int generation);

    /** The SIP that opened this channel by name, or null if it was made by {@code newChannel} or the kernel cannot say. */
    default Opener opener() {
        return null;
    }
}
