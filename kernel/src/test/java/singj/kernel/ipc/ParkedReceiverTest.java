package singj.kernel.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import singj.abi.Contract;
import singj.abi.Endpoint;
import singj.abi.Message;

/**
 * A receiver that waits alone on its end parks without a timeout (a virtual thread's timed park
 * costs a task in the JDK's timer), so everything that can end its wait must wake it: a send, a
 * close, the end sent away, a kill. Each is judged from outside: the receiving thread is parked
 * without a timeout ({@code WAITING}), then ends within 2 s with what it should have got.
 */
class ParkedReceiverTest {
    @Contract({"A client: Note -> B", "B server: Back -> A"})
    interface Talk {
        record Note(String text) implements Message {}
        record Back() implements Message {}
    }

    @Contract({"A client: Pass -> B", "B server: Back -> A"})
    interface Ferry {
        record Pass(Endpoint<?> endpoint) implements Message {}
        record Back() implements Message {}
    }

    private static final long TWO_SECONDS = TimeUnit.SECONDS.toMillis(2);

    @Test
    void aLoneReceiverParksUntimedAndASendWakesIt() throws Exception {
        try (Ipc ipc = new Ipc(16L << 20)) {
            Holdings sip = holdings(1, () -> false);
            var channel = ipc.newChannel(Talk.class, sip);
            var got = new AtomicReference<Object>();
            Thread receiver = Thread.ofVirtual().start(() -> got.set(receiveOrError(channel.server())));
            awaitParkedUntimed(receiver);
            channel.client().send(new Talk.Note("hello"));
            receiver.join(TWO_SECONDS);
            assertFalse(receiver.isAlive(), "a send did not wake the receiver");
            assertEquals(new Talk.Note("hello"), got.get());
            sip.release("test over");
        }
    }

    @Test
    void aCloseWakesAReceiverParkedUntimed() throws Exception {
        try (Ipc ipc = new Ipc(16L << 20)) {
            Holdings sip = holdings(1, () -> false);
            var channel = ipc.newChannel(Talk.class, sip);
            var got = new AtomicReference<Object>();
            Thread receiver = Thread.ofVirtual().start(() -> got.set(receiveOrError(channel.server())));
            awaitParkedUntimed(receiver);
            channel.client().close();
            receiver.join(TWO_SECONDS);
            assertFalse(receiver.isAlive(), "a close did not wake the receiver");
            assertTrue(got.get().toString().contains("the client closed the channel"), got.get().toString());
            sip.release("test over");
        }
    }

    @Test
    void sendingTheEndAwayWakesAThreadOfTheOldHolderWaitingOnIt() throws Exception {
        try (Ipc ipc = new Ipc(16L << 20)) {
            Holdings sip = holdings(1, () -> false);
            var talk = ipc.newChannel(Talk.class, sip);
            var ferry = ipc.newChannel(Ferry.class, sip);
            var got = new AtomicReference<Object>();
            Thread receiver = Thread.ofVirtual().start(() -> got.set(receiveOrError(talk.server())));
            awaitParkedUntimed(receiver);
            ferry.client().send(new Ferry.Pass(talk.server())); // another thread of the holder sends the end away
            receiver.join(TWO_SECONDS);
            assertFalse(receiver.isAlive(), "the receiver slept on an end its holder no longer has");
            assertTrue(got.get().toString().contains("sent away"), got.get().toString());
            sip.release("test over");
        }
    }

    @Test
    void aKillWakesAReceiverParkedUntimed() throws Exception {
        try (Ipc ipc = new Ipc(16L << 20)) {
            var killed = new AtomicBoolean();
            Holdings sip = holdings(1, killed::get);
            var channel = ipc.newChannel(Talk.class, sip);
            var got = new AtomicReference<Object>();
            Thread receiver = Thread.ofVirtual().start(() -> got.set(receiveOrError(channel.server())));
            awaitParkedUntimed(receiver);
            killed.set(true); // as the kernel kills: the SIP is marked stopping, then its threads are interrupted
            receiver.interrupt();
            receiver.join(TWO_SECONDS);
            assertFalse(receiver.isAlive(), "a kill did not wake the receiver");
            assertInstanceOf(KilledForTest.class, got.get());
        }
    }

    @Test
    void aSelectOverEndsItAloneWaitsOnParksUntimedAndASendToEitherWakesIt() throws Exception {
        try (Ipc ipc = new Ipc(16L << 20)) {
            Holdings sip = holdings(1, () -> false);
            var first = ipc.newChannel(Talk.class, sip);
            var second = ipc.newChannel(Talk.class, sip);
            var got = new AtomicReference<Object>();
            Thread selector = Thread.ofVirtual().start(() -> got.set(Endpoint.select(null, first.server(), second.server())));
            awaitParkedUntimed(selector);
            second.client().send(new Talk.Note("to the second"));
            selector.join(TWO_SECONDS);
            assertFalse(selector.isAlive(), "a send did not wake the select");
            assertEquals(1, got.get());
            sip.release("test over");
        }
    }

    @Test
    void aReceiveWithATimeoutStillEndsAtIt() throws Exception {
        try (Ipc ipc = new Ipc(16L << 20)) {
            Holdings sip = holdings(1, () -> false);
            var channel = ipc.newChannel(Talk.class, sip);
            long start = System.nanoTime();
            assertEquals(null, channel.server().receive(Duration.ofMillis(100)));
            assertTrue(System.nanoTime() - start >= TimeUnit.MILLISECONDS.toNanos(100), "returned before its timeout");
            sip.release("test over");
        }
    }

    private static Object receiveOrError(Endpoint<?> end) {
        try {
            return end.receive();
        } catch (RuntimeException | Error e) {
            return e;
        }
    }

    /** Waits until {@code thread} is parked without a timeout: a timed park would show as TIMED_WAITING. */
    private static void awaitParkedUntimed(Thread thread) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (thread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            assertTrue(thread.isAlive(), "the waiting thread ended");
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, thread.getState(), "a lone waiter parks without a timeout");
    }

    private static final class KilledForTest extends Error {
        KilledForTest() {
            super("killed");
        }
    }

    private static Holdings holdings(int pid, java.util.function.BooleanSupplier stopping) {
        return new Holdings(pid, "sip" + pid, Grants.ALL, 1L << 20, stopping, KilledForTest::new);
    }
}
