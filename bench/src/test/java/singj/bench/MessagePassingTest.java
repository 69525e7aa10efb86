package singj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.lang.invoke.MethodType;
import org.junit.jupiter.api.Test;
import singj.bench.workloads.PingPong;
import singj.bench.workloads.Pinger;

/** The message-passing benchmark's operations really happen: every round trip reaches the ponger SIP, and the block comes back as itself. */
class MessagePassingTest {
    private static final int N = 1000;

    @Test
    void everyRoundTripIsAPingTheOtherSipAnswers() throws Throwable {
        MessagePassing benchmark = new MessagePassing();
        MessagePassing.Sips sips = new MessagePassing.Sips();
        sips.setUp();
        try {
            long before = sips.pings();
            for (int i = 0; i < N; i++) {
                Object pong = benchmark.sipRoundTrip(sips);
                assertEquals(PingPong.Pong.class.getName(), pong.getClass().getName());
            }
            assertEquals(before + N, sips.pings(), "the ponger answered one Ping per round trip");
            long beforeThreads = sips.pings();
            assertEquals(MessagePassing.ROUND_TRIPS, benchmark.sipRoundTripBetweenSipThreads(sips), "a Pong per Ping on the SIP's thread");
            assertEquals(beforeThreads + MessagePassing.ROUND_TRIPS, sips.pings(), "the ponger answered each of them");

            var writeLastInt = sips.pinger.staticEntry(Pinger.class, "writeLastInt", MethodType.methodType(void.class, int.class));
            var lastInt = sips.pinger.staticEntry(Pinger.class, "lastInt", MethodType.methodType(int.class));
            var blockAddress = sips.pinger.staticEntry(Pinger.class, "blockAddress", MethodType.methodType(long.class));
            writeLastInt.invoke(0x5eed);
            long pingsBefore = sips.pings();
            for (int i = 1; i <= N; i++) {
                assertEquals(i, benchmark.sipBlockTransfer1MiB(sips), "the ponger incremented the block's first int");
                assertEquals(sips.blockAddress, (long) blockAddress.invoke(), "the same memory came back");
            }
            assertEquals(pingsBefore + N, sips.pings());
            assertEquals(0x5eed, (int) lastInt.invoke(), "the rest of the block came back as it was");
        } finally {
            sips.tearDown();
        }
    }

    @Test
    void theQueueRoundTripHandsTheMessageBack() throws Exception {
        MessagePassing benchmark = new MessagePassing();
        MessagePassing.Queues queues = new MessagePassing.Queues();
        queues.setUp();
        try {
            for (int i = 0; i < N; i++) {
                assertNotNull(benchmark.synchronousQueueRoundTrip(queues));
            }
        } finally {
            queues.tearDown();
        }
    }

    @Test
    void everySpinRoundTripComesBackFromTheOtherThread() throws Exception {
        MessagePassing benchmark = new MessagePassing();
        MessagePassing.Spin spin = new MessagePassing.Spin();
        spin.setUp();
        try {
            for (int i = 1; i <= N; i++) {
                assertEquals(i, benchmark.spinRoundTrip(spin), "the answer is the number sent, not an old one");
            }
        } finally {
            spin.tearDown();
        }
        org.junit.jupiter.api.Assertions.assertFalse(spin.echo.isAlive(), "the echo thread ended with the benchmark");
    }
}
