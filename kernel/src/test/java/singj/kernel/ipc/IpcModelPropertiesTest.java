package singj.kernel.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import singj.abi.Block;
import singj.abi.ChannelClosedException;
import singj.abi.Contract;
import singj.abi.Endpoint;
import singj.abi.ExchangeHeapException;
import singj.abi.Message;

/**
 * Random interleavings of create, allocate, send (with blocks and endpoints inside), receive,
 * select, free and kill across several SIPs, against a model of who owns what and what is queued
 * where: no block leaked or owned twice, no message lost or reordered on a live channel, every
 * misuse reported. The SIPs here are {@link Holdings} driven from one thread, so every
 * interleaving is reproducible from jqwik's seed.
 */
class IpcModelPropertiesTest {
    private static final int SIPS = 3;

    @Contract({"ONE client: Msg -> TWO", "TWO client: Msg -> THREE", "THREE server: Msg -> ONE"})
    interface Talk {
        record Msg(long id, Block block, Endpoint<?> endpoint) implements Message {}
    }

    /** What the test believes: for each SIP, the endpoints and blocks it holds; for each end, what waits for it. */
    private static final class Model {
        final Ipc ipc = new Ipc(64L << 20);
        final Holdings[] sips = new Holdings[SIPS];
        final List<List<Endpoint<Talk>>> endpoints = new ArrayList<>();
        final List<List<Block>> blocks = new ArrayList<>();
        final Map<Long, ArrayDeque<Long>> queued = new HashMap<>(); // by end identity hash: message ids in order
        final Map<Long, Long> blockOfMessage = new HashMap<>();
        /** By message id: a block sent and not yet received, which counts against its sender meanwhile. */
        final Map<Long, Sent> sent = new HashMap<>();
        long nextId = 1;
        int generation;

        Model() {
            for (int i = 0; i < SIPS; i++) {
                spawn(i);
                endpoints.add(new ArrayList<>());
                blocks.add(new ArrayList<>());
            }
        }

        void spawn(int i) {
            sips[i] = new Holdings(100 * ++generation + i, "sip" + i, Grants.ALL, 1L << 20, () -> false,
                    () -> new AssertionError("no SIP is killed while it waits here"));
        }

        long blocksHeld() {
            return blocks.stream().mapToLong(List::size).sum();
        }
    }

    /**
     * A block in a message: who sent it, its size, and the generation its send started (which
     * stays until it is received, or dropped with its message).
     */
    record Sent(Holdings sender, long bytes, ExchangeBlock slot, long generation) {
        boolean stillInFlight() {
            return slot.state() == ExchangeBlock.State.IN_FLIGHT && slot.isCurrent(generation);
        }
    }

    record Op(int kind, int sip, int index, boolean withBlock, boolean withEndpoint) {}

    @Provide
    Arbitrary<List<Op>> operations() {
        Arbitrary<Op> op = Combinators.combine(Arbitraries.integers().between(0, 7), Arbitraries.integers().between(0, SIPS - 1),
                Arbitraries.integers().between(0, 5), Arbitraries.of(true, false), Arbitraries.of(true, false)).as(Op::new);
        return op.list().ofMinSize(5).ofMaxSize(60);
    }

    @Property(tries = 300)
    void ownershipAndDeliveryMatchTheModel(@ForAll("operations") List<Op> ops) {
        Model m = new Model();
        try {
            for (Op op : ops) {
                apply(m, op);
                check(m);
            }
            for (int i = 0; i < SIPS; i++) {
                m.sips[i].release("test over");
                m.endpoints.get(i).clear();
                m.blocks.get(i).clear();
            }
            assertEquals(0, m.ipc.heap().inUse(), "every block is free once every SIP is gone");
            assertTrue(m.ipc.heap().reserved() <= m.ipc.heap().spareLimit(), "the chunks go back to the system but for the spare ones: "
                    + m.ipc.heap().reserved());
            assertEquals(0, m.ipc.channels().size(), "every channel is closed once every SIP is gone");
        } finally {
            m.ipc.close();
        }
    }

    private static void apply(Model m, Op op) {
        int s = op.sip();
        List<Endpoint<Talk>> mine = m.endpoints.get(s);
        List<Block> myBlocks = m.blocks.get(s);
        switch (op.kind()) {
            case 0 -> { // create a channel: both ends are mine
                var channel = m.ipc.newChannel(Talk.class, m.sips[s]);
                mine.add(channel.client());
                mine.add(channel.server());
            }
            case 1 -> { // allocate
                try {
                    Block block = m.ipc.allocate(m.sips[s], 64L << op.index());
                    block.putLong(0, m.nextId++);
                    myBlocks.add(block);
                } catch (ExchangeHeapException quota) {
                    assertTrue(quota.getMessage().contains("quota"), quota.getMessage());
                }
            }
            case 2, 3 -> send(m, op, mine, myBlocks);
            case 4 -> receive(m, s, op.index());
            case 5 -> { // free
                if (!myBlocks.isEmpty()) {
                    myBlocks.remove(op.index() % myBlocks.size()).free();
                }
            }
            case 6 -> { // select over my open endpoints, without waiting
                List<Endpoint<?>> open = new ArrayList<>(mine);
                if (!open.isEmpty()) {
                    int ready;
                    try {
                        ready = Endpoint.select(Duration.ZERO, open.toArray(Endpoint<?>[]::new));
                    } catch (ChannelClosedException | IllegalStateException reported) {
                        return; // one of them was closed by this SIP or sent away: a clear error
                    }
                    if (ready >= 0) {
                        Endpoint<?> e = open.get(ready);
                        assertTrue(!e.isOpen() || !m.queued.getOrDefault(key(e), new ArrayDeque<>()).isEmpty(),
                                "select picked an endpoint with nothing to receive");
                    }
                }
            }
            default -> { // kill: everything it holds goes
                m.sips[s].release("killed by the test");
                mine.clear();
                myBlocks.clear();
                m.spawn(s);
            }
        }
    }

    private static void send(Model m, Op op, List<Endpoint<Talk>> mine, List<Block> myBlocks) {
        if (mine.isEmpty()) {
            return;
        }
        Endpoint<Talk> from = mine.get(op.index() % mine.size());
        Block block = op.withBlock() && !myBlocks.isEmpty() ? myBlocks.getLast() : null;
        Endpoint<Talk> passed = null;
        if (op.withEndpoint()) {
            for (Endpoint<Talk> candidate : mine) {
                if (candidate != from && candidate.isOpen() && !sameChannel(candidate, from)) {
                    passed = candidate;
                }
            }
        }
        long id = m.nextId++;
        try {
            from.send(new Talk.Msg(id, block, passed));
        } catch (ChannelClosedException | IllegalStateException expected) {
            return; // out of turn, closed, or sent away: reported, and the model is unchanged but for the close
        }
        if (block != null) {
            myBlocks.remove(block);
            assertTrue(!block.isLive(), "a block is dead in the sender's hands once sent");
            m.blockOfMessage.put(id, block.address());
            m.sent.put(id, new Sent(m.sips[op.sip()], block.size(), (ExchangeBlock) block.slot(), block.generation() + 1));
        }
        if (passed != null) {
            mine.remove(passed);
            assertTrue(!passed.isOpen(), "an endpoint is dead in the sender's hands once sent");
        }
        m.queued.computeIfAbsent(((ChannelEndpoint) from.end()).peerId(), k -> new ArrayDeque<>()).add(id);
    }

    private static void receive(Model m, int s, int index) {
        List<Endpoint<Talk>> mine = m.endpoints.get(s);
        if (mine.isEmpty()) {
            return;
        }
        Endpoint<Talk> at = mine.get(index % mine.size());
        ArrayDeque<Long> expected = m.queued.computeIfAbsent(key(at), k -> new ArrayDeque<>());
        boolean open = at.isOpen();
        Message message;
        try {
            message = at.receive(Duration.ZERO);
        } catch (ChannelClosedException | IllegalStateException reported) {
            if (!open) {
                expected.clear(); // closed and drained: what it had was dropped with its payloads
            }
            return;
        }
        if (message == null) {
            assertTrue(!open || expected.isEmpty(), "a message on a live channel was lost: " + expected);
            return;
        }
        Talk.Msg msg = (Talk.Msg) message;
        assertNotNull(expected.peek(), "a message nobody sent to this end: " + msg.id());
        while (!open && expected.peek() != null && expected.peek() != msg.id()) {
            expected.poll(); // on a closed channel, earlier ones may have been dropped with their holder
        }
        assertEquals(expected.poll(), msg.id(), "messages arrive in the order they were sent");
        if (msg.block() != null) {
            assertEquals(m.blockOfMessage.remove(msg.id()), Long.valueOf(msg.block().address()), "the same memory, not a copy");
            m.sent.remove(msg.id());
            m.blocks.get(s).add(msg.block());
        } else {
            assertNull(m.blockOfMessage.get(msg.id()));
        }
        if (msg.endpoint() != null) {
            @SuppressWarnings("unchecked")
            Endpoint<Talk> received = (Endpoint<Talk>) msg.endpoint();
            mine.add(received);
        }
    }

    /**
     * Blocks: the heap's count equals what the live SIPs hold plus what is in messages; each SIP's
     * quota counts exactly the blocks it holds and those it sent that are still in their messages.
     */
    private static void check(Model m) {
        long held = 0;
        m.sent.values().removeIf(sent -> !sent.stillInFlight()); // dropped with a closed channel
        for (int i = 0; i < SIPS; i++) {
            assertEquals(m.blocks.get(i).size(), m.sips[i].blockCount(), "sip" + i + " holds the blocks the model says");
            long bytes = 0;
            for (Block block : m.blocks.get(i)) {
                assertTrue(block.isLive(), "a block its owner holds is live");
                bytes += block.size();
            }
            for (Sent sent : m.sent.values()) {
                if (sent.sender() == m.sips[i]) {
                    bytes += sent.bytes();
                }
            }
            assertEquals(bytes, m.sips[i].exchangeBytes(), "sip" + i + " is charged for what it holds and what it sent, not yet received");
            held += m.blocks.get(i).size();
        }
        assertEquals(held + m.ipc.heap().inFlight(), m.ipc.heap().inUse(), "no block is leaked or counted twice");
    }

    private static boolean sameChannel(Endpoint<?> a, Endpoint<?> b) {
        return a.end() instanceof ChannelEndpoint x && b.end() instanceof ChannelEndpoint y && x.channelId() == y.channelId();
    }

    private static long key(Endpoint<?> e) {
        return ((ChannelEndpoint) e.end()).id();
    }
}
