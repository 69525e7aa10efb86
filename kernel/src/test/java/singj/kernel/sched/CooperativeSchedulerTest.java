package singj.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import singj.abi.runtime.SipContext;
import singj.abi.runtime.SipKilled;

/**
 * The cooperative scheduler and its wait events, with both switching mechanisms: continuations
 * (the tests run with jdk.internal.vm exported) and the virtual-thread fallback. The SIP is
 * stood for by a context that answers only what the scheduler asks: whether it is ending, and how
 * it makes threads.
 */
class CooperativeSchedulerTest {
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final SipContext owner = (SipContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {SipContext.class}, (proxy, method, args) -> switch (method.getName()) {
                case "stopping" -> stopping.get();
                case "killed" -> new SipKilled("killed in the test");
                case "threadFactory" -> Thread.ofVirtual().factory();
                default -> throw new UnsupportedOperationException(method.getName());
            });

    private void run(String mechanism, Runnable... threads) {
        if (mechanism.equals("continuation")) {
            assertEquals("continuation", CooperativeScheduler.mechanism(), "the tests export jdk.internal.vm (parent pom)");
            CooperativeScheduler.run(threads, owner);
        } else {
            CooperativeScheduler.runOnVirtualThreads(threads, owner);
        }
    }

    private long turns;
    private long idle;

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "virtual-thread"})
    void everyYieldHandsOverToTheOtherThread(String mechanism) {
        int yields = 5_000;
        run(mechanism, () -> play(0, yields), () -> play(1, yields));
        assertEquals(2L * yields, turns);
        assertEquals(0, idle);
    }

    private void play(int parity, int yields) {
        for (int i = 0; i < yields; i++) {
            if ((turns & 1) == parity) {
                turns++;
            } else {
                idle++;
            }
            CooperativeScheduler.yieldCpu(owner);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "virtual-thread"})
    void aWaitHandsTheCpuToTheThreadThatSetsTheEvent(String mechanism) {
        SpinParkEvent ping = new SpinParkEvent(owner);
        SpinParkEvent pong = new SpinParkEvent(owner);
        int roundTrips = 2_000;
        long[] wakeUps = new long[1];
        run(mechanism, () -> {
            for (int i = 0; i < roundTrips; i++) {
                ping.set();
                pong.await();
            }
        }, () -> {
            for (int i = 0; i < roundTrips; i++) {
                ping.await();
                wakeUps[0]++;
                pong.set();
            }
        });
        assertEquals(roundTrips, wakeUps[0]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "virtual-thread"})
    void aGroupWhoseThreadsAllWaitIsWokenByASetFromOutside(String mechanism) throws Exception {
        SpinParkEvent event = new SpinParkEvent(owner);
        CompletableFuture<Void> group = CompletableFuture.runAsync(() -> run(mechanism, event::await, event::await),
                runnable -> Thread.ofPlatform().start(runnable));
        Thread.sleep(100);
        assertTrue(!group.isDone(), "both threads wait");
        event.set();
        Thread.sleep(100);
        assertTrue(!group.isDone(), "an auto-reset event wakes one wait per set");
        event.set();
        group.get(5, TimeUnit.SECONDS);
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "virtual-thread"})
    void aKillUnwindsAGroupThatWaits(String mechanism) throws Exception {
        SpinParkEvent never = new SpinParkEvent(owner);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().start(() -> {
            try {
                run(mechanism, never::await, () -> CooperativeScheduler.yieldCpu(owner));
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        Thread.sleep(100);
        assertTrue(thread.isAlive());
        stopping.set(true);
        thread.interrupt(); // what the kernel does to a dying SIP's threads
        thread.join(2_000);
        assertTrue(!thread.isAlive(), "unwound within the park slice");
        assertTrue(ended.get() instanceof SipKilled, String.valueOf(ended.get()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "virtual-thread"})
    void anExceptionEndsTheGroupAndReachesItsCaller(String mechanism) {
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> run(mechanism,
                () -> CooperativeScheduler.yieldCpu(owner), () -> {
                    throw new IllegalStateException("boom");
                }));
        assertEquals("boom", thrown.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"continuation", "virtual-thread"})
    void outsideAGroupAYieldIsAHintAndAWaitParks(String mechanism) throws Exception {
        CooperativeScheduler.yieldCpu(owner); // returns
        SpinParkEvent event = new SpinParkEvent(owner);
        Thread waiter = Thread.ofPlatform().start(event::await);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10); // a loaded machine may not run it at once
        while (waiter.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(Thread.State.WAITING, waiter.getState(), "past its spin, parked without a timeout (a set wakes it)");
        event.set();
        waiter.join(2_000);
        assertTrue(!waiter.isAlive());
    }
}
