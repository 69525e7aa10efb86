package singj.kernel.proc;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.locks.LockSupport;
import singj.abi.runtime.SipKilled;
import singj.kernel.host.HostRuntime;
import singj.kernel.host.HostThreads;

/**
 * Ends the SIPs of one kernel once they stop ({@link Proc#terminate}): stops their threads, then
 * releases what they held and takes them out of the process table. A kill ends a thread in three
 * steps, each for the threads the step before could not end (docs/kill.md):
 * <ol>
 * <li>its own kill checks: the SIP's kill flag is set already, and its threads are woken;</li>
 * <li>after {@link #FORCE_AFTER}, a thread still running is in code without kill checks (the
 *     JDK's), and is stopped by force ({@link ForcedStop}), every round until it ends;</li>
 * <li>a thread alive at {@link #STOP_DEADLINE} waits where the JVM delivers no exception: the SIP
 *     becomes {@link Lifecycle.Stuck}, gives back its holdings, stays listed, and is tried
 *     every {@link #STUCK_RETRY}.</li>
 * </ol>
 * The reaper never waits on a lock the SIP can take: it joins only virtual threads (whose class is
 * the JDK's) and watches platform threads ({@link #awaitEnd}).
 */
final class Reaper {
    /** How long stopping a SIP's threads may take before the kernel reports them stuck. */
    static final Duration STOP_DEADLINE = Duration.ofSeconds(5);
    /** How often the kernel tries again to stop a SIP whose thread did not stop by {@link #STOP_DEADLINE}. */
    private static final Duration STUCK_RETRY = Duration.ofSeconds(1);
    /**
     * How long a killed SIP's threads get to unwind at their own kill checks before the kernel
     * stops them by force: a thread that has not by then is running code that has none.
     */
    static final Duration FORCE_AFTER = Duration.ofMillis(20);
    /**
     * How long a thread that waits gets to answer the interrupt before it is tried too: killing
     * thousands of idle SIPs at once would otherwise suspend each of their threads every round.
     */
    static final Duration FORCE_WAITING_AFTER = Duration.ofMillis(250);

    private final ProcessTable table;
    private final HostRuntime host;
    private final HostThreads hostThreads;
    // platform threads: SIPs' virtual threads could keep a virtual reaper from ever running;
    // pooled, since a thread start is a good part of a short SIP's life
    private final ExecutorService reapers = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("singj-reaper-", 0).factory());
    private volatile boolean shutDown;

    Reaper(ProcessTable table, HostRuntime host) {
        this.table = table;
        this.host = host;
        this.hostThreads = host.threads();
    }

    /**
     * Called once per SIP when it stops: stops its threads on a reaper thread, then releases it. A
     * SIP whose main thread ends it after {@code main} returned, with no other thread left, is
     * released on that thread at once: handing it to a reaper cost ~30 µs of a ~180 µs spawn-to-reap
     * of {@code exit0} (a wake-up of a parked thread), and the reaper would only wait for that
     * thread to end.
     */
    void reap(Proc sip, boolean byFinishedMain) {
        if (byFinishedMain && sip.onlyCallerLeft()) {
            table.remove(sip);
            release(sip);
            return;
        }
        reapers.execute(() -> {
            // how many times a forced stop was raised in each thread (by identity, as in SipThreads)
            Map<Thread, Integer> raisedIn = new IdentityHashMap<>();
            try {
                if (!stopThreads(sip, STOP_DEADLINE, raisedIn)) {
                    // Its names, channels and blocks go back now; its class loader and memory stay
                    // until its last thread ends, and so does its entry, so that ps shows it.
                    String why = sip.holdUp() != null ? sip.holdUp() : "woken, it has not unwound yet";
                    System.err.println("singj: kernel: " + sip + " still has a thread after "
                            + Processes.format(STOP_DEADLINE) + " (" + why + "); it stays listed as STOPPING until its threads end");
                    sip.stuck(why);
                    releaseHoldings(sip);
                    while (!shutDown && !stopThreads(sip, STUCK_RETRY, raisedIn)) {
                        Thread.sleep(STUCK_RETRY);
                    }
                }
                table.remove(sip);
                release(sip);
            } catch (InterruptedException shutDown) {
                // the kernel is closing: the JVM's exit ends what is left
            } catch (RuntimeException | Error e) {
                System.err.println("singj: kernel: stopping " + sip + " failed: " + e);
                releaseHoldings(sip);
            }
        });
    }

    /**
     * Releases a SIP none of whose threads can run any more, in this order:
     * <ol>
     * <li>its standard output and error are flushed and closed: over a channel to the console,
     *     its last output must get there before the channel closes;</li>
     * <li>its holdings: channel ends (peers see why it ended), names, pending accepts, exchange
     *     blocks;</li>
     * <li>its memory account, and the carrier watch's interest in it (the host runtime's);</li>
     * <li>its threads and executors, and its class loader, with which its classes and statics
     *     become unreachable;</li>
     * <li>its lifecycle becomes {@link Lifecycle.Ended}, and whoever waits for its exit status
     *     gets it: by then nothing of it is left.</li>
     * </ol>
     * Also for a SIP whose start failed, which never ran.
     */
    void release(Proc sip) {
        sip.closeStandardStreams();
        releaseHoldings(sip);
        sip.memory().release();
        host.carriers().forget(sip.preemptible());
        sip.threads().clear();
        sip.dropClasses();
        sip.end();
    }

    /**
     * Gives back what the SIP holds that others may want back (its names, channels and blocks);
     * also while a thread of it cannot be stopped yet, before {@link #release}.
     */
    private static void releaseHoldings(Proc sip) {
        sip.holdings().release(sip.describeEnding(), sip.killed());
    }

    /**
     * Wakes the SIP's threads until all have unwound; those that do not answer within
     * {@link #FORCE_AFTER} run code without kill checks (the JDK's), and are stopped by force
     * ({@link ForcedStop}). Returns false if some thread did not stop within {@code deadline};
     * {@link Proc#holdUp} then says why.
     */
    private boolean stopThreads(Proc sip, Duration deadline, Map<Thread, Integer> raisedIn) {
        long start = System.nanoTime();
        long end = start + deadline.toNanos();
        List<Thread> alive;
        while (!(alive = sip.threads().wakeFromKernel()).isEmpty()) {
            long now = System.nanoTime();
            if (now - start >= FORCE_AFTER.toNanos()) {
                forceStop(sip, alive, now - start >= FORCE_WAITING_AFTER.toNanos(), raisedIn);
            }
            long left = end - now;
            if (left <= 0) {
                return false;
            }
            try {
                // wait for one to end (usually at once: the thread ending the SIP is on its way
                // out), then wake the rest again: a thread may have swallowed the interrupt
                awaitEnd(alive.getFirst(), Math.min(left, 10_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        sip.heldUpBy(null);
        return true;
    }

    /** @param waitingToo whether threads that wait (park, sleep, a monitor) are tried too, not only running ones */
    private void forceStop(Proc sip, List<Thread> alive, boolean waitingToo, Map<Thread, Integer> raisedIn) {
        SipLoader sealed = sip.loader();
        SipKilled raise = sip.unwind();
        if (sealed == null || raise == null) {
            return; // a system SIP's code is the kernel's: it ends when woken
        }
        if (!hostThreads.available()) {
            sip.heldUpBy("threads in JDK code cannot be stopped here: " + hostThreads.problem());
            return;
        }
        String last = null;
        for (Thread thread : alive) {
            if (sip.threads().isWaker(thread)) {
                continue; // the kernel's own code on a thread of the SIP: it ends by itself
            }
            if (!waitingToo && (hostThreads.state(thread) & HostThreads.RUNNABLE) == 0) {
                continue; // the interrupt wakes it: suspending it too would only cost a handshake a round
            }
            String why = ForcedStop.tryStop(hostThreads, thread, sealed, raise);
            if (why != null) {
                last = "thread " + thread.getName() + " " + why;
            } else if (raisedIn.merge(thread, 1, Integer::sum) >= 3) {
                last = "thread " + thread.getName() + " has not unwound after the kill was raised in it "
                        + raisedIn.get(thread) + " times: it waits where the JVM delivers no exception (for a class "
                        + "another of its threads is initialising, or for a monitor one of them holds)";
            }
        }
        sip.heldUpBy(last);
    }

    /**
     * Waits up to {@code nanos} for {@code thread} to end. A virtual thread is joined (its class is
     * the JDK's); a platform thread may be the SIP's subclass, whose monitor the SIP can hold, and
     * joining it takes that monitor: it is watched instead.
     */
    private static void awaitEnd(Thread thread, long nanos) throws InterruptedException {
        if (thread.isVirtual()) {
            try {
                thread.join(Duration.ofNanos(nanos));
            } catch (IllegalThreadStateException starting) {
                Thread.onSpinWait(); // a virtual thread in the middle of its start is alive but cannot be joined yet
            }
            return;
        }
        long end = System.nanoTime() + nanos;
        for (long pause = 20_000; thread.isAlive() && System.nanoTime() < end; pause = Math.min(pause * 2, 2_000_000)) {
            LockSupport.parkNanos(pause);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
    }

    /** The kernel is shutting down: a stuck SIP is no longer waited for. */
    void shutDown() {
        shutDown = true;
    }

    /** After the kernel's SIPs are gone: lets the reaper threads end. */
    void close() {
        reapers.shutdown();
    }
}
