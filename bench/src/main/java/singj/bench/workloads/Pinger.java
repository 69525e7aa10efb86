package singj.bench.workloads;

import java.io.IOException;
import singj.abi.Block;
import singj.abi.Endpoint;
import singj.abi.Sip;

/**
 * The client SIP of the message-passing benchmark: its {@code main} opens {@value Ponger#NAME}
 * and keeps the endpoint in a static field, then waits for the end of its input. The benchmark
 * thread calls {@link #roundTrip()} and {@link #blockRoundTrip()} into the running SIP, so the
 * sends and receives are the SIP's own, through the ABI every SIP uses.
 */
public final class Pinger {
    /** The size of the block that {@link #blockRoundTrip()} moves there and back. */
    public static final int BLOCK_BYTES = 1 << 20;

    private static volatile Endpoint<PingPong> pong;
    private static Block block;

    private Pinger() {}

    public static void main(String[] args) {
        pong = Sip.open(Ponger.NAME, PingPong.class);
        try {
            while (System.in.read() >= 0) {
                // wait for the end of input
            }
        } catch (IOException closed) {
            // input closed: the end as well
        }
    }

    /** Whether {@code main} has opened the channel yet. */
    public static boolean ready() {
        return pong != null;
    }

    /** One round trip of a message with no payload. */
    public static Object roundTrip() {
        Endpoint<PingPong> end = pong;
        end.send(new PingPong.Ping(null));
        return end.receive();
    }

    /** Allocates the block that {@link #blockRoundTrip()} moves (once, not per round trip); returns its address. */
    public static long allocateBlock() {
        if (block == null) {
            block = Sip.allocate(BLOCK_BYTES);
        }
        return block.address();
    }

    /** One round trip of the 1 MiB block: it moves to the ponger and back (no copy); returns its first int. */
    public static int blockRoundTrip() {
        Endpoint<PingPong> end = pong;
        end.send(new PingPong.Ping(block));
        block = ((PingPong.Pong) end.receive()).payload();
        return block.getInt(0);
    }

    /** The address of the block now (the same as at allocation if it moved without a copy). */
    public static long blockAddress() {
        return block.address();
    }

    /** The last int of the block, which only this SIP writes. */
    public static void writeLastInt(int value) {
        block.putInt(BLOCK_BYTES - 4, value);
    }

    public static int lastInt() {
        return block.getInt(BLOCK_BYTES - 4);
    }
}
