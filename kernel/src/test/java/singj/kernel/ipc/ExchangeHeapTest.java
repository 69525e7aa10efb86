package singj.kernel.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import singj.abi.Block;
import singj.abi.Contract;
import singj.abi.Endpoint;
import singj.abi.ExchangeHeapException;
import singj.abi.Message;

/**
 * The exchange heap gives back what is freed (bytes to the quota, chunks to the system), a block
 * in flight counts against its sender until it is received, and a handle that lost its block to
 * a free or a send on another thread never reads or writes the next owner's memory.
 */
class ExchangeHeapTest {
    private static final long MIB = 1 << 20;
    private static final long CAPACITY = 64 * MIB;

    @Contract({"A client: Pass -> B", "B server: Ack -> A"})
    interface Relay {
        record Pass(Block block) implements Message {}
        record Ack() implements Message {}
    }

    private static Holdings sip(int pid, long quota) {
        return new Holdings(pid, "sip" + pid, Grants.ALL, quota, () -> false,
                () -> new AssertionError("no SIP is killed while it waits here"));
    }

    @Test
    void allocatingAndFreeingNeverDrifts() {
        try (Ipc ipc = new Ipc(CAPACITY)) {
            Holdings owner = sip(1, 16 * MIB);
            long[] sizes = {1, 64, 65, 1000, 4096, 100_000, MIB, 3 * MIB, 8 * MIB, 16 * MIB};
            Random random = new Random(13);
            for (int i = 0; i < 3_000; i++) {
                ipc.allocate(owner, sizes[random.nextInt(sizes.length)]).free();
                assertEquals(0, owner.exchangeBytes(), "every freed byte is back in the quota");
            }
            for (int round = 0; round < 20; round++) { // many held at once, freed in another order
                List<Block> held = new ArrayList<>();
                try {
                    while (true) {
                        held.add(ipc.allocate(owner, sizes[random.nextInt(sizes.length)]));
                    }
                } catch (ExchangeHeapException quota) {
                    assertTrue(quota.getMessage().contains("quota exceeded"), quota.getMessage());
                }
                java.util.Collections.shuffle(held, random);
                held.forEach(Block::free);
                assertEquals(0, owner.exchangeBytes());
            }
            assertEquals(0, ipc.heap().inUse());
            assertTrue(ipc.heap().reserved() <= ipc.heap().spareLimit(),
                    "empty chunks go back but for the spare ones: " + ipc.heap().reserved() + " bytes reserved");

            ipc.allocate(owner, 1000).free();
            long start = ipc.heap().reserved();
            for (int i = 0; i < 100_000; i++) {
                ipc.allocate(owner, 1000).free();
            }
            assertEquals(start, ipc.heap().reserved(), "one block allocated and freed reuses one chunk");
        }
    }

    @Test
    void aHeapFilledByOneSipIsWholeAgainOnceItEnds() {
        try (Ipc ipc = new Ipc(CAPACITY)) {
            Holdings hog = sip(1, CAPACITY);
            // a chunk of every size class, each kept full until the next one: with chunks that never
            // went back, the heap ended up reserved to its capacity with no block in use
            for (long size = 256; size <= CAPACITY / 2; size *= 8) {
                List<Block> held = fill(ipc, hog, size);
                assertTrue(!held.isEmpty(), "got blocks of " + size);
                held.forEach(Block::free);
                assertEquals(0, hog.exchangeBytes());
            }
            fill(ipc, hog, 4096);
            hog.release("killed by the test");
            assertEquals(0, ipc.heap().inUse());
            assertTrue(ipc.heap().reserved() <= ipc.heap().spareLimit(), ipc.heap().reserved() + " bytes still reserved");

            Holdings next = sip(2, CAPACITY);
            Block whole = ipc.allocate(next, CAPACITY);
            whole.free();
            assertEquals(CAPACITY / MIB, fill(ipc, next, MIB).size(), "the whole capacity, in blocks of 1 MiB");
        }
    }

    /** Blocks of {@code size} until the quota or the heap says no. */
    private static List<Block> fill(Ipc ipc, Holdings owner, long size) {
        List<Block> held = new ArrayList<>();
        try {
            while (true) {
                held.add(ipc.allocate(owner, size));
            }
        } catch (ExchangeHeapException full) {
            return held;
        }
    }

    @Test
    void aBlockInFlightCountsAgainstItsSenderUntilItIsReceived() {
        try (Ipc ipc = new Ipc(CAPACITY)) {
            Holdings sender = sip(1, 8 * MIB);
            Holdings receiver = sip(2, 8 * MIB);
            var channel = ipc.newChannel(Relay.class, sender);
            @SuppressWarnings("unchecked")
            Endpoint<Relay> server = (Endpoint<Relay>) ipc.move(channel.server(), receiver);

            channel.client().send(new Relay.Pass(ipc.allocate(sender, 6 * MIB)));
            assertEquals(6 * MIB, sender.exchangeBytes(), "in flight, it is still the sender's to pay for");
            assertEquals(1, sender.sentBlockCount());
            assertThrows(ExchangeHeapException.class, () -> ipc.allocate(sender, 4 * MIB), "sending does not make room");
            Block received = ((Relay.Pass) server.receive()).block();
            assertEquals(0, sender.exchangeBytes());
            assertEquals(6 * MIB, receiver.exchangeBytes());
            assertEquals(1, receiver.blockCount());
            received.free();
            assertEquals(0, receiver.exchangeBytes());

            // the sender ends while its block is in flight: the receiver still gets it, and pays for it
            server.send(new Relay.Ack());
            channel.client().receive();
            channel.client().send(new Relay.Pass(ipc.allocate(sender, MIB)));
            sender.release("killed by the test");
            Block orphan = ((Relay.Pass) server.receive()).block();
            assertEquals(MIB, receiver.exchangeBytes());
            orphan.free();

            // the receiver ends while a block is in flight to it: it goes back to the heap and the sender's quota
            Holdings sender2 = sip(3, 8 * MIB);
            Holdings receiver2 = sip(4, 8 * MIB);
            var second = ipc.newChannel(Relay.class, sender2);
            ipc.move(second.server(), receiver2);
            second.client().send(new Relay.Pass(ipc.allocate(sender2, 2 * MIB)));
            receiver2.release("killed by the test");
            assertEquals(0, sender2.exchangeBytes());
            assertEquals(0, ipc.heap().inUse());
        }
    }

    @Test
    void anAccessThatNeverEndsSetsItsBlockAsideInsteadOfHangingTheKernel() {
        try (Ipc ipc = new Ipc(CAPACITY)) {
            Holdings owner = sip(1, 8 * MIB);
            Block leaked = ipc.allocate(owner, 4096);
            // what a thread leaves behind if a stack overflow strikes in an access's finally, between pin and unpin
            assertTrue(leaked.slot().pin(leaked.generation()));
            ExchangeHeapException error = assertThrows(ExchangeHeapException.class, leaked::free);
            assertTrue(error.getMessage().contains("never ended; its memory is set aside for good"), error.getMessage());
            Block next = ipc.allocate(owner, 4096);
            assertNotEquals(leaked.address(), next.address(), "memory set aside never goes to another owner");
            next.free();

            Block held = ipc.allocate(owner, 4096);
            assertTrue(held.slot().pin(held.generation()));
            owner.release("killed by the test"); // returns: the kernel's release does not hang on it
            assertTrue(owner.isEmpty());
            Block other = ipc.allocate(sip(2, 8 * MIB), 4096);
            assertNotEquals(held.address(), other.address());
            assertNotEquals(leaked.address(), other.address());
        }
    }

    @Test
    void aStaleHandleRacingAFreeNeverTouchesTheNextOwnersMemory() throws Exception {
        race(false);
    }

    @Test
    void aStaleHandleRacingASendNeverTouchesTheNextOwnersMemory() throws Exception {
        race(true);
    }

    private static final int SIZE = 64 << 10;
    private static final byte SECRET = 0x5a;
    private static final long STALE_WRITE = 0x1111111111111111L;

    /**
     * Many times: the attacker's reader thread copies its block in a loop, reads and writes single
     * values too, while the attacker's main thread frees the block (or sends it), and the next
     * owner, who gets the very same memory, fills it with a secret. The reader must never see a
     * byte of the secret, nor write into it; it ends with the stale handle's error.
     */
    private static void race(boolean bySend) throws Exception {
        try (Ipc ipc = new Ipc(CAPACITY)) {
            Holdings attacker = sip(1, 16 * MIB);
            Holdings victim = sip(2, 16 * MIB);
            var channel = ipc.newChannel(Relay.class, attacker);
            @SuppressWarnings("unchecked")
            Endpoint<Relay> server = (Endpoint<Relay>) ipc.move(channel.server(), victim);
            int copiesBeforeTheEnd = 0;
            for (int i = 0; i < 400; i++) {
                Block mine = ipc.allocate(attacker, SIZE);
                long address = mine.address();
                AtomicReference<String> leak = new AtomicReference<>();
                AtomicReference<String> ended = new AtomicReference<>();
                int[] copies = new int[1];
                CountDownLatch reading = new CountDownLatch(1);
                Thread reader = Thread.ofPlatform().start(() -> {
                    byte[] seen = new byte[SIZE];
                    try {
                        while (true) {
                            mine.putLong(8, STALE_WRITE);
                            mine.copyTo(0, seen, 0, SIZE);
                            long single = mine.getLong(SIZE - 8);
                            if (single != 0) {
                                leak.set("read " + Long.toHexString(single) + " through a stale handle");
                                return;
                            }
                            for (int at = 0; at < SIZE; at++) {
                                if (seen[at] == SECRET) {
                                    leak.set("copied the secret at offset " + at + " through a stale handle");
                                    return;
                                }
                            }
                            copies[0]++;
                            reading.countDown();
                        }
                    } catch (ExchangeHeapException stale) {
                        ended.set(stale.getMessage());
                    } finally {
                        reading.countDown();
                    }
                });
                reading.await();
                Block theirs;
                if (bySend) {
                    channel.client().send(new Relay.Pass(mine));
                    theirs = ((Relay.Pass) server.receive()).block();
                } else {
                    mine.free();
                    theirs = ipc.allocate(victim, SIZE);
                }
                assertEquals(address, theirs.address(), "the next owner got the same memory");
                theirs.fill(0, SIZE, SECRET);
                reader.join();
                assertEquals(null, leak.get());
                assertTrue(ended.get() != null && ended.get().contains("used after it was"), String.valueOf(ended.get()));
                byte[] after = new byte[SIZE];
                theirs.copyTo(0, after, 0, SIZE);
                for (int at = 0; at < SIZE; at++) {
                    assertEquals(SECRET, after[at], "the stale handle wrote into the next owner's block at " + at);
                }
                theirs.free();
                if (bySend) {
                    server.send(new Relay.Ack());
                    channel.client().receive();
                }
                copiesBeforeTheEnd += copies[0];
            }
            assertTrue(copiesBeforeTheEnd > 400, "the reader was copying when the block went: " + copiesBeforeTheEnd);
            assertEquals(0, attacker.exchangeBytes());
            assertEquals(0, victim.exchangeBytes());
        }
    }
}
