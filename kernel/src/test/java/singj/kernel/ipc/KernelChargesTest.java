package singj.kernel.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import singj.abi.Channel;
import singj.abi.ChannelClosedException;
import singj.abi.Contract;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.QuotaExceededException;

/**
 * The kernel objects made for a SIP are charged to its memory at their fixed sizes while the
 * kernel holds them, and discharged when it lets go: channel ends (also when one moves to another
 * SIP), names, and everything at once when the SIP releases what it holds. A message waiting
 * unread in a peer's queue is charged to its sender until it is received, and a SIP's unread
 * messages may hold no more than its memory quota.
 */
class KernelChargesTest {
    @Contract({"A client: Note -> B", "B server: Back -> A"})
    interface Talk {
        record Note(String text) implements Message {}
        record Back() implements Message {}
    }

    /** Up to eight notes before an answer. */
    @Contract({"A client: Note -> B", "B client: Note -> C", "C client: Note -> D", "D client: Note -> E",
            "E client: Note -> F", "F client: Note -> G", "G client: Note -> H", "H client: Note -> I",
            "I server: Ack -> A"})
    interface Stream {
        record Note(String text) implements Message {}
        record Ack() implements Message {}
    }

    @Contract({"A client: Carry -> B", "B server: Back -> A"})
    interface Carrier {
        record Carry(Endpoint<?> end) implements Message {}
        record Back() implements Message {}
    }

    private static final class Charged implements Holdings.KernelCharges {
        final AtomicLong bytes = new AtomicLong();
        final AtomicLong received = new AtomicLong();
        volatile Object lastReceived;
        final long quota;

        Charged() {
            this(Long.MAX_VALUE);
        }

        Charged(long quota) {
            this.quota = quota;
        }

        @Override
        public long quota() {
            return quota;
        }

        @Override
        public void received(Object object, long bytes) {
            received.addAndGet(bytes);
            lastReceived = object;
        }

        @Override
        public void charge(long bytes) {
            this.bytes.addAndGet(bytes);
        }

        @Override
        public void discharge(long bytes) {
            this.bytes.addAndGet(-bytes);
        }
    }

    private static Holdings holdings(int pid, Charged charged) {
        Holdings holdings = new Holdings(pid, "sip" + pid, Grants.ALL, 1L << 20, () -> false, Error::new);
        holdings.chargeKernelObjectsTo(charged);
        return holdings;
    }

    @Test
    void channelsAndNamesAreChargedWhileTheKernelHoldsThem() {
        try (Ipc ipc = new Ipc(16L << 20)) {
            Charged one = new Charged();
            Charged other = new Charged();
            Holdings sip = holdings(1, one);
            Holdings peer = holdings(2, other);
            List<Channel<Talk>> channels = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                channels.add(ipc.newChannel(Talk.class, sip));
            }
            assertEquals(200 * Holdings.KernelCharges.END_BYTES, one.bytes.get(), "two ends per channel");
            ipc.move(channels.get(0).server(), peer);
            assertEquals(199 * Holdings.KernelCharges.END_BYTES, one.bytes.get(), "an end moved away is the new holder's");
            assertEquals(Holdings.KernelCharges.END_BYTES, other.bytes.get());
            channels.get(1).client().close();
            assertEquals(198 * Holdings.KernelCharges.END_BYTES, one.bytes.get(), "a closed end is discharged");
            ipc.names().register("/test/charged", Talk.class, sip);
            assertEquals(198 * Holdings.KernelCharges.END_BYTES + Holdings.KernelCharges.NAME_BYTES, one.bytes.get());
            sip.release("test over");
            assertEquals(0, one.bytes.get(), "everything given back at release");
            peer.release("test over");
            assertEquals(0, other.bytes.get());
        }
    }

    @Test
    void aMessageIsChargedToItsSenderUntilItIsReceived() {
        try (Ipc ipc = new Ipc(16L << 20)) {
            Charged one = new Charged();
            Charged other = new Charged();
            Holdings sip = holdings(1, one);
            Holdings peer = holdings(2, other);
            Channel<Talk> channel = ipc.newChannel(Talk.class, sip);
            Endpoint<?> server = ipc.move(channel.server(), peer);
            long ends = one.bytes.get();
            String text = "x".repeat(1 << 20);
            channel.client().send(new Talk.Note(text));
            long charged = one.bytes.get() - ends;
            assertTrue(charged >= 2L * text.length() && charged < 2L * text.length() + 256,
                    "a string is charged at two bytes a character and a little: " + charged);
            assertEquals(charged, sip.queuedBytes());
            assertEquals(Holdings.KernelCharges.END_BYTES, other.bytes.get(), "the receiver pays nothing for it yet");
            assertInstanceOf(Talk.Note.class, server.receive());
            assertEquals(ends, one.bytes.get(), "received: no longer the sender's");
            assertEquals(charged, other.received.get(), "received: counted in the receiver's estimate");
            assertTrue(other.lastReceived == text, "its longest string stands for it, which a receiver may keep alone");
            assertEquals(0, sip.queuedBytes());
            server.send(new Talk.Back());
            assertTrue(peer.queuedBytes() > 0 && peer.queuedBytes() <= 16, "a message without fields costs its header");
            channel.client().receive();
            assertEquals(0, peer.queuedBytes());
            sip.release("test over");
            peer.release("test over");
        }
    }

    @Test
    void unreadMessagesPastTheQuotaAreRefusedAndTheChannelGoesOn() {
        try (Ipc ipc = new Ipc(16L << 20)) {
            Charged one = new Charged(4L << 20);
            Holdings sip = holdings(1, one);
            Holdings peer = holdings(2, new Charged());
            Channel<Stream> channel = ipc.newChannel(Stream.class, sip);
            Endpoint<?> server = ipc.move(channel.server(), peer);
            String mib = "y".repeat(1 << 19); // 1 MiB charged
            int sent = 0;
            QuotaExceededException refused = null;
            for (int i = 0; i < 8 && refused == null; i++) {
                try {
                    channel.client().send(new Stream.Note(mib));
                    sent++;
                } catch (QuotaExceededException e) {
                    refused = e;
                }
            }
            assertEquals(3, sent, "three MiB and a little fit in 4 MiB, four do not");
            assertTrue(refused.getMessage().contains("pid 1 (sip1) may not send a message")
                    && refused.getMessage().contains("have not read"), refused.getMessage());
            assertTrue(sip.queuedBytes() <= 4L << 20);
            assertTrue(channel.client().isOpen(), "a refusal is no violation: the channel goes on");
            assertEquals("D", channel.client().state(), "the refused message did not move the state");
            server.receive();
            channel.client().send(new Stream.Note(mib)); // read one: room for one
            for (int i = 0; i < 3; i++) {
                server.receive();
            }
            assertEquals(0, sip.queuedBytes());
            sip.release("test over");
            peer.release("test over");
        }
    }

    @Test
    void aKilledSendersUnreadMessagesAreDroppedAnExitingSendersAreRead() {
        try (Ipc ipc = new Ipc(16L << 20)) {
            Charged killedCharges = new Charged();
            Holdings killed = holdings(1, killedCharges);
            Holdings exiting = holdings(2, new Charged());
            Holdings peer = holdings(3, new Charged());
            Channel<Stream> fromKilled = ipc.newChannel(Stream.class, killed);
            Channel<Stream> fromExiting = ipc.newChannel(Stream.class, exiting);
            Endpoint<?> killedPeer = ipc.move(fromKilled.server(), peer);
            Endpoint<?> exitingPeer = ipc.move(fromExiting.server(), peer);
            for (int i = 0; i < 3; i++) {
                fromKilled.client().send(new Stream.Note("k" + i));
                fromExiting.client().send(new Stream.Note("e" + i));
            }
            killed.release("pid 1 (sip1) was killed: test", true);
            assertEquals(0, killed.queuedBytes(), "its unread messages were dropped");
            assertEquals(0, killedCharges.bytes.get());
            assertThrows(ChannelClosedException.class, killedPeer::receive, "nothing of a killed SIP is delivered");
            exiting.release("pid 2 (sip2) exited with status 0");
            for (int i = 0; i < 3; i++) {
                assertEquals(new Stream.Note("e" + i), exitingPeer.receive(), "an exiting SIP's last words are read");
            }
            assertEquals(0, exiting.queuedBytes());
            assertThrows(ChannelClosedException.class, exitingPeer::receive);
            peer.release("test over");
        }
    }

    @Test
    void anEndpointInAMessageIsChargedToItsSender() {
        try (Ipc ipc = new Ipc(16L << 20)) {
            Charged one = new Charged();
            Holdings sip = holdings(1, one);
            Channel<Carrier> carrier = ipc.newChannel(Carrier.class, sip);
            Channel<Talk> cargo = ipc.newChannel(Talk.class, sip);
            long before = one.bytes.get();
            carrier.client().send(new Carrier.Carry(cargo.server()));
            long charged = one.bytes.get() - before;
            assertTrue(charged >= 0 && sip.queuedBytes() >= Holdings.KernelCharges.END_BYTES,
                    "the end in flight is the sender's until received: " + sip.queuedBytes());
            carrier.server().receive();
            assertEquals(0, sip.queuedBytes());
            sip.release("test over");
        }
    }
}
