package singj.abi;

import java.time.Duration;
import java.util.Objects;
import singj.abi.runtime.ChannelEnd;

/**
 * One end of a channel, and the capability to use it: a SIP talks only through endpoints it
 * holds. It gets them from {@link Sip#newChannel}, {@link Sip#open}, {@link Service#accept} or
 * inside a message; sending an endpoint in a message moves it, and this object is dead from then on.
 *
 * <pre>{@code
 * Endpoint<Echo> echo = Sip.open("/service/echo", Echo.class);
 * echo.send(new Echo.Request("hello"));
 * switch (echo.receive()) {
 *     case Echo.Reply(String text) -> System.out.println(text);
 *     default -> throw new IllegalStateException();
 * }
 * }</pre>
 *
 * Every send and receive is checked against the contract's state machine: one out of turn throws
 * {@link ContractViolationException} and closes the channel. Send never blocks; receive waits
 * (and wakes up with {@link ChannelClosedException} when the peer closes or dies).
 *
 * @param <C> the contract
 */
public final class Endpoint<C> {
    private final ChannelEnd end;
    private final int generation;

    /** Made by the kernel only (the installer rejects this constructor in SIP code). */
    public Endpoint(ChannelEnd end, int generation) {
        this.end = Objects.requireNonNull(end);
        this.generation = generation;
    }

    /** Sends {@code message}; never blocks. Blocks and endpoints in it move to the receiver. */
    public void send(Message message) {
        end.send(generation, Objects.requireNonNull(message, "message"));
    }

    /** The next message, waiting as long as it takes. */
    public Message receive() {
        return end.receive(generation, -1);
    }

    /** The next message, or null if none came within {@code timeout}. */
    public Message receive(Duration timeout) {
        return end.receive(generation, Math.max(0, timeout.toNanos()));
    }

    /** Closes this end; the peer's receive then reports the channel closed. */
    public void close() {
        end.close(generation);
    }

    public boolean isOpen() {
        return end.isOpen(generation);
    }

    /** The contract's name (its interface's binary name). */
    public String contract() {
        return end.contract();
    }

    public Side side() {
        return end.side();
    }

    /** The contract state this end is in. */
    public String state() {
        return end.state(generation);
    }

    /**
     * The SIP that opened this channel by name ({@link Sip#open}), as the kernel recorded it at
     * the open: what a service reads off a server end it {@linkplain Service#accept accepted} to
     * know which SIP its client is. Null for a channel made with {@link Sip#newChannel} (its maker
     * holds both ends, and whoever receives one learns nothing from it), and in a SIP that runs in
     * a process of its own (the kernel's line to it does not carry this yet).
     */
    public Opener opener() {
        return end.opener();
    }

    /**
     * Waits until one of {@code endpoints} has a message to receive (or is closed), at most
     * {@code timeout}: Singularity's {@code switch receive}. Returns its index, or -1 on timeout.
     */
    public static int select(Duration timeout, Endpoint<?>... endpoints) {
        if (endpoints.length == 0) {
            throw new IllegalArgumentException("select needs at least one endpoint");
        }
        ChannelEnd[] ends = new ChannelEnd[endpoints.length];
        int[] generations = new int[endpoints.length];
        for (int i = 0; i < endpoints.length; i++) {
            ends[i] = endpoints[i].end;
            generations[i] = endpoints[i].generation;
        }
        long nanos = timeout == null ? -1 : Math.max(0, timeout.toNanos());
        return ends[0].select(ends, generations, nanos);
    }

    /** For the kernel: the end behind this endpoint. */
    public ChannelEnd end() {
        return end;
    }

    /** For the kernel: the generation this endpoint object speaks for. */
    public int generation() {
        return generation;
    }

    @Override
    public String toString() {
        return "Endpoint[" + end.contract() + " " + end.side() + "]";
    }
}
