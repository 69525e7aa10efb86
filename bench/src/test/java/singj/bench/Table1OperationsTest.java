package singj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import singj.bench.workloads.PingPong;
import singj.kernel.proc.SipState;
import singj.kernel.host.HostRuntime;
import singj.kernel.sched.SipThreadScheduler;

/**
 * Every Table 1 benchmark does what its row says, so that no row can measure an empty loop: the
 * kernel answers with the calling SIP's pid, every yield hands over to the other thread, every
 * wait is a wake-up the other thread counted, every message is a Ping the other SIP answered,
 * every block comes back from the other SIP, every spawned SIP runs and is reaped.
 */
class Table1OperationsTest {
    private final Table1 benchmark = new Table1();

    @Test
    void apiCallAnswersWithTheCallingSipsPid() throws Throwable {
        Table1.ApiCall state = new Table1.ApiCall();
        state.setUp();
        try {
            for (int i = 0; i < 1000; i++) {
                assertEquals(state.sip.sip().pid(), benchmark.apiCall(state));
            }
        } finally {
            state.tearDown();
        }
    }

    @Test
    void everyStepOfTheYieldRowFollowsOneOfTheOtherSipThread() throws Throwable {
        assertEquals(SipThreadScheduler.CARRIER_POOL, HostRuntime.ofThisJvm().sipThreads().mechanism(),
                "the tests run with --add-opens java.base/java.lang=ALL-UNNAMED (see the parent pom)");
        Table1.Yield state = new Table1.Yield();
        state.setUp();
        try {
            for (int i = 0; i < 5; i++) {
                // a step moves the counter only from its own thread's parity: 2 x N steps are N hand-overs each way
                assertEquals(2L * Table1.YIELDS_EACH, benchmark.threadYield(state), "every step taken, in turns");
            }
        } finally {
            state.tearDown();
        }
    }

    @Test
    void everyCooperativeWaitSetRoundTripIsAWakeUpTheOtherThreadCounted() throws Throwable {
        Table1.WaitSet state = new Table1.WaitSet();
        state.setUp();
        try {
            for (int i = 0; i < 5; i++) {
                assertEquals(Table1.ROUND_TRIPS, benchmark.waitsetPingPong(state), "one wake-up of the answerer per round trip");
            }
        } finally {
            state.tearDown();
        }
    }

    @Test
    void everyWaitSetRoundTripAcrossThreadsIsAWakeUpTheOtherThreadCounted() throws Throwable {
        Table1.WaitSetAcrossThreads state = new Table1.WaitSetAcrossThreads();
        state.setUp();
        try {
            long before = (long) state.wakeUps.invokeExact();
            for (int i = 1; i <= 2000; i++) {
                assertEquals(before + i, benchmark.waitsetPingPongAcrossThreads(state));
            }
        } finally {
            long start = System.nanoTime();
            state.tearDown(); // its answering thread is blocked in await: the kill must wake it
            assertTrue(System.nanoTime() - start < Duration.ofSeconds(2).toNanos(), "a kill unwinds a thread in await at once");
        }
    }

    @Test
    void everyMessageIsAPingTheOtherSipAnswersAndTheBlockComesBack() throws Throwable {
        MessagePassing.Sips sips = new MessagePassing.Sips();
        sips.setUp();
        try {
            long before = sips.pings();
            assertEquals(MessagePassing.ROUND_TRIPS, benchmark.messagePingPong(sips), "a Pong for every Ping");
            assertEquals(before + MessagePassing.ROUND_TRIPS, sips.pings());
            for (int i = 1; i <= 100; i++) {
                assertEquals(i, benchmark.exchange1MiB(sips), "the other SIP incremented the block's first int");
            }
            assertEquals(before + MessagePassing.ROUND_TRIPS + 100, sips.pings());
        } finally {
            sips.tearDown();
        }
    }

    @Test
    void everyProcessCreateRunsAnInstalledProgramAndReapsIt() throws Exception {
        Table1.Image image = new Table1.Image();
        image.setUp();
        try {
            for (int i = 0; i < 50; i++) {
                var status = benchmark.processCreate(image);
                assertEquals(0, status.code());
                assertTrue(image.kernel.processes().isEmpty(), "reaped: gone from the process table");
            }
            var sip = image.kernel.spawn(Table1.Image.EXIT0, singj.kernel.SipOptions.of(singj.kernel.Stdio.none()));
            sip.awaitExit();
            assertEquals(SipState.DEAD, sip.state());
        } finally {
            image.tearDown();
        }
    }
}
