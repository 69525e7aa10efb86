package singj.kernel.sched;

import singj.abi.runtime.SipContext;

/**
 * The kernel's scheduler for a SIP's cooperative threads ({@code Sip.runCooperatively}): the
 * threads of a group take turns on the thread that started the group, and a yield hands the CPU
 * straight to the next one, in user space, without the OS scheduler (Singularity switched its
 * threads in its own scheduler the same way). The group's loop is the only scheduler: round robin,
 * in the order given. Kill-aware: after every switch the loop checks whether the SIP is ending, and
 * a thread blocked in a kernel call unwinds the whole group, since they share one OS thread.
 */
public final class CooperativeScheduler {
    private static final Fibers FIBERS = Fibers.best();
    /** Groups started by {@link #runOnVirtualThreads} suspend through this one. */
    private static final Fibers FALLBACK_SUSPEND = FIBERS instanceof VirtualThreadFibers ? FIBERS : new VirtualThreadFibers();

    private CooperativeScheduler() {}

    /** Which mechanism switches the threads on this JVM: {@code continuation} or {@code virtual-thread}. */
    public static String mechanism() {
        return FIBERS.mechanism();
    }

    /** Runs {@code threads} to their end as one cooperative group of {@code owner}. */
    public static void run(Runnable[] threads, SipContext owner) {
        run(FIBERS, threads, owner);
    }

    /** The same, with the fallback mechanism whatever this JVM allows (so that tests can run both). */
    public static void runOnVirtualThreads(Runnable[] threads, SipContext owner) {
        run(new VirtualThreadFibers(), threads, owner);
    }

    private static void run(Fibers fibers, Runnable[] threads, SipContext owner) {
        Fiber[] group = new Fiber[threads.length];
        for (int i = 0; i < threads.length; i++) {
            group[i] = fibers.create(java.util.Objects.requireNonNull(threads[i], "thread " + i), owner);
        }
        int live = group.length;
        while (live > 0) {
            for (Fiber fiber : group) {
                if (!fiber.isDone()) {
                    fiber.resume();
                    if (fiber.isDone()) {
                        live--;
                    }
                    if (owner.stopping()) {
                        throw owner.killed(); // the rest of the group is abandoned where it stopped
                    }
                }
            }
        }
    }

    /**
     * Hands the CPU to the next thread of the caller's group; outside a group (or where it cannot
     * switch), a hint to the JVM. Unwinds if the SIP is ending.
     */
    public static void yieldCpu(SipContext owner) {
        if (!FIBERS.suspend() && !FALLBACK_SUSPEND.suspend()) {
            Thread.yield();
        }
        if (owner.stopping()) {
            throw owner.killed();
        }
    }
}
