package singj.bench.workloads;

import java.io.IOException;
import singj.abi.Block;
import singj.abi.Endpoint;
import singj.abi.Owned;
import singj.abi.Sip;

/**
 * The client SIP of the message-passing benchmark: its {@code main} opens {@value Ponger#NAME}
 * and keeps the endpoint in a static {@link Owned} cell, then waits for the end of its input.
 * The benchmark thread calls {@link #roundTrip()} and {@link #blockRoundTrip()} into the running
 * SIP, so the sends and receives are the SIP's own, through the ABI every SIP uses.
 */
public final class Pinger {
    /** The size of the block that {@link #blockRoundTrip()} moves there and back. */
    public static final int BLOCK_BYTES = 1 << 20;

    // handles live in fields only inside an Owned (the verifier follows each move in and out)
    private static final Owned<Endpoint<PingPong>> pong = new Owned<>();
    private static final Owned<Block> block = new Owned<>();

    private Pinger() {}

    public static void main(String[] args) {
        pong.put(Sip.open(Ponger.NAME, PingPong.class));
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
        return !pong.isEmpty();
    }

    /** One round trip of a message with no payload. */
    public static Object roundTrip() {
        Endpoint<PingPong> end = pong.take();
        end.send(new PingPong.Ping(null));
        Object answer = end.receive();
        pong.put(end);
        return answer;
    }

    /**
     * {@code n} round trips on a virtual thread of this SIP, the kind every SIP thread is by
     * default (so both sides run on the kernel's scheduler); returns how many Pongs came back.
     */
    public static long roundTripsOnSipThread(int n) throws InterruptedException {
        long[] pongs = new long[1];
        Thread.startVirtualThread(() -> {
            Endpoint<PingPong> end = pong.take();
            for (int i = 0; i < n; i++) {
                end.send(new PingPong.Ping(null));
                if (end.receive() instanceof PingPong.Pong) {
                    pongs[0]++;
                }
            }
            pong.put(end);
        }).join();
        return pongs[0];
    }

    /** Allocates the block that {@link #blockRoundTrip()} moves (once, not per round trip); returns its address. */
    public static long allocateBlock() {
        if (block.isEmpty()) {
            block.put(Sip.allocate(BLOCK_BYTES));
        }
        return blockAddress();
    }

    /** One round trip of the 1 MiB block: it moves to the ponger and back (no copy); returns its first int. */
    public static int blockRoundTrip() {
        Endpoint<PingPong> end = pong.take();
        end.send(new PingPong.Ping(block.take()));
        Block back = ((PingPong.Pong) end.receive()).payload();
        pong.put(end);
        int first = back.getInt(0);
        block.put(back);
        return first;
    }

    /** The address of the block now (the same as at allocation if it moved without a copy). */
    public static long blockAddress() {
        Block held = block.take();
        long address = held.address();
        block.put(held);
        return address;
    }

    /** The last int of the block, which only this SIP writes. */
    public static void writeLastInt(int value) {
        Block held = block.take();
        held.putInt(BLOCK_BYTES - 4, value);
        block.put(held);
    }

    public static int lastInt() {
        Block held = block.take();
        int value = held.getInt(BLOCK_BYTES - 4);
        block.put(held);
        return value;
    }
}
