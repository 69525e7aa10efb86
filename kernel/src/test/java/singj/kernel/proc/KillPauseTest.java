package singj.kernel.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import singj.kernel.host.HostRuntime;
import singj.kernel.host.HostThreads;

/**
 * The kill's pause holds the killed SIP's running threads still and lets go of exactly those it
 * held: a thread someone else suspended (a forced stop, a debugger) stays suspended, the calling
 * thread is never among them, and a thread that waits is left to its interrupt. Judged by the
 * threads' JVMTI state and by whether their spinning counters move.
 */
class KillPauseTest {
    /** JVMTI_THREAD_STATE_SUSPENDED. */
    private static final int SUSPENDED = 0x100000;
    private final HostThreads host = HostRuntime.ofThisJvm().threads();
    private volatile boolean done;

    @Test
    void resumesOnlyTheRunningThreadsItSuspended() throws InterruptedException {
        assertTrue(host.available(), () -> "the JVMTI library: " + host.problem());
        AtomicLong byKill = new AtomicLong();
        AtomicLong byOther = new AtomicLong();
        Thread spinner = spinner(byKill);
        Thread suspendedElsewhere = spinner(byOther);
        Thread waiting = Thread.ofPlatform().daemon().start(() -> {
            while (!done) {
                Thread.onSpinWait();
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    // the test's end wakes it
                }
            }
        });
        try {
            awaitMoving(byKill);
            awaitMoving(byOther);
            while ((host.state(waiting) & HostThreads.RUNNABLE) != 0) {
                Thread.onSpinWait(); // until it sleeps
            }
            assertEquals(0, host.suspend(suspendedElsewhere));

            KillPause pause = KillPause.of(host, List.of(spinner, suspendedElsewhere, waiting, Thread.currentThread()));
            pause.suspend();
            assertTrue(suspended(spinner), "the running thread is held still");
            assertTrue(!suspended(waiting), "a waiting thread is left to its interrupt");
            long held = byKill.get();
            Thread.sleep(20);
            assertEquals(held, byKill.get(), "a suspended thread does not move");
            pause.resume();

            assertTrue(!suspended(spinner), "resumed");
            awaitMoving(byKill);
            assertTrue(suspended(suspendedElsewhere), "a thread the pause did not suspend is not resumed by it");
            long elsewhere = byOther.get();
            Thread.sleep(20);
            assertEquals(elsewhere, byOther.get());
        } finally {
            done = true;
            host.resume(suspendedElsewhere);
            waiting.interrupt();
            spinner.join();
            suspendedElsewhere.join();
            waiting.join();
        }
    }

    private boolean suspended(Thread thread) {
        return (host.state(thread) & SUSPENDED) != 0;
    }

    private Thread spinner(AtomicLong turns) {
        return Thread.ofPlatform().daemon().start(() -> {
            while (!done) {
                turns.incrementAndGet();
            }
        });
    }

    /** Returns once {@code turns} has moved (the thread runs); no time limit but the suite's. */
    private static void awaitMoving(AtomicLong turns) throws InterruptedException {
        long before = turns.get();
        while (turns.get() == before) {
            Thread.sleep(1);
        }
        assertNotEquals(before, turns.get());
    }
}
