package singj.kernel.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import singj.abi.Contract;
import singj.abi.Endpoint;
import singj.abi.Message;

/**
 * Two SIPs that each send the other an end of a channel at the same moment, over two channels:
 * with each send holding its channel's lock and taking the passed end's channel's lock, the two
 * would wait for each other forever. Ownership has a lock of its own, so they cannot.
 */
class CrosswiseSendTest {
    @Contract({"A client: Pass -> B", "B server: Back -> A"})
    interface Relay {
        record Pass(Endpoint<?> endpoint) implements Message {}
        record Back() implements Message {}
    }

    @Test
    void sendingEachOthersEndsAtOnceNeverDeadlocks() throws Exception {
        try (Ipc ipc = new Ipc(16L << 20)) {
            for (int round = 0; round < 500; round++) {
                Holdings a = holdings(1);
                Holdings b = holdings(2);
                var x = ipc.newChannel(Relay.class, a); // a sends over x.client; x.server goes to b
                var y = ipc.newChannel(Relay.class, b); // b sends over y.client; y.server goes to a
                Endpoint<Relay> xServerAtB = move(x.server(), b);
                Endpoint<Relay> yServerAtA = move(y.server(), a);
                var start = new CyclicBarrier(2);
                Thread first = Thread.ofPlatform().start(() -> sendAfter(start, x.client(), yServerAtA));
                Thread second = Thread.ofPlatform().start(() -> sendAfter(start, y.client(), xServerAtB));
                first.join(TimeUnit.SECONDS.toMillis(5));
                second.join(TimeUnit.SECONDS.toMillis(5));
                assertTrue(!first.isAlive() && !second.isAlive(), "round " + round + ": the two sends deadlocked");
                a.release("round over");
                b.release("round over");
                assertEquals(0, ipc.channels().size(), "round " + round + ": ends in flight in each other's queues were dropped");
            }
        }
    }

    private static void sendAfter(CyclicBarrier start, Endpoint<Relay> over, Endpoint<Relay> passed) {
        try {
            start.await();
            over.send(new Relay.Pass(passed));
        } catch (Exception ignored) {
            // the other send may have taken this end's peer away first: a clear error, not a hang
        }
    }

    /** Hands {@code end} (held by whoever created it) to {@code to}, as the nameserver would. */
    @SuppressWarnings("unchecked")
    private static Endpoint<Relay> move(Endpoint<Relay> end, Holdings to) {
        return (Endpoint<Relay>) ((ChannelEndpoint) end.end()).moveTo(end.generation(), to);
    }

    private static Holdings holdings(int pid) {
        return new Holdings(pid, "sip" + pid, Grants.ALL, 1L << 20, () -> false, () -> new AssertionError("not killed"));
    }
}
