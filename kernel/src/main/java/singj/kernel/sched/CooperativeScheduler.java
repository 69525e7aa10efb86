package singj.kernel.sched;

import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import singj.abi.runtime.SipContext;

/**
 * The kernel's scheduler for a SIP's cooperative threads ({@code Sip.runCooperatively}): the
 * threads of a group take turns on the thread that started the group, and a yield, or a wait on a
 * {@link SpinParkEvent} that is not yet set, hands the CPU straight to the next runnable thread of
 * the group, in user space, without the OS scheduler (Singularity switched its threads in its own
 * scheduler the same way). Round robin, in the order given; a thread waiting on an event is skipped
 * until the event is set. When every live thread waits, the group's OS thread parks on their events,
 * so a set from outside the group wakes it. Kill-aware: after every switch, and when woken, the loop
 * checks whether the SIP is ending; the threads of a killed SIP's group are abandoned where they stopped.
 */
public final class CooperativeScheduler {
    private static final Fibers FIBERS = Fibers.best();
    /** The longest the group's thread parks between kill checks when every thread of it waits. */
    private static final long PARK_SLICE_NANOS = 50_000_000;
    /** The group whose thread the caller is (or whose fiber it runs in). */
    private static final ThreadLocal<Group> CURRENT = new ThreadLocal<>();

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

    /** One group: its fibers, which of them runs, and the event each waits for (null: runnable). */
    private static final class Group {
        final Fibers fibers;
        final Fiber[] members;
        final SpinParkEvent[] waitingFor;
        /** The index of the fiber running now, -1 between fibers; written by the loop before each resume. */
        volatile int running = -1;

        Group(Fibers fibers, int size) {
            this.fibers = fibers;
            this.members = new Fiber[size];
            this.waitingFor = new SpinParkEvent[size];
        }
    }

    private static void run(Fibers fibers, Runnable[] threads, SipContext owner) {
        Group group = new Group(fibers, threads.length);
        for (int i = 0; i < threads.length; i++) {
            Runnable thread = Objects.requireNonNull(threads[i], "thread " + i);
            // sets the group on whatever OS thread runs the fiber: the group's own (continuations) or one of its own (fallback)
            group.members[i] = fibers.create(() -> {
                CURRENT.set(group);
                thread.run();
            }, owner);
        }
        Group outer = CURRENT.get(); // a group started from a fiber of another
        CURRENT.set(group);
        try {
            loop(group, owner);
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    private static void loop(Group group, SipContext owner) {
        Fiber[] members = group.members;
        int live = members.length;
        while (live > 0) {
            boolean ran = false;
            for (int i = 0; i < members.length; i++) {
                Fiber fiber = members[i];
                SpinParkEvent awaited = group.waitingFor[i];
                if (fiber.isDone() || (awaited != null && !awaited.isSet())) {
                    continue;
                }
                group.waitingFor[i] = null;
                group.running = i;
                try {
                    fiber.resume();
                } finally {
                    group.running = -1;
                }
                ran = true;
                if (fiber.isDone()) {
                    live--;
                }
                if (owner.stopping()) {
                    throw owner.killed(); // the rest of the group is abandoned where it stopped
                }
            }
            if (!ran && live > 0) {
                parkUntilSet(group, owner);
            }
        }
    }

    /** Every live fiber waits for an event: parks the group's thread on all of them until one is set. */
    private static void parkUntilSet(Group group, SipContext owner) {
        Thread self = Thread.currentThread();
        for (SpinParkEvent event : group.waitingFor) {
            if (event != null) {
                event.addParked(self);
            }
        }
        try {
            boolean anySet = false;
            for (SpinParkEvent event : group.waitingFor) {
                anySet |= event != null && event.isSet();
            }
            if (!anySet && !owner.stopping()) {
                LockSupport.parkNanos(group, PARK_SLICE_NANOS);
            }
        } finally {
            for (SpinParkEvent event : group.waitingFor) {
                if (event != null) {
                    event.removeParked(self);
                }
            }
        }
        if (Thread.interrupted()) {
            if (owner.stopping()) {
                throw owner.killed();
            }
            self.interrupt(); // not a kill: the group's threads may look at it; the loop goes on
            // parkNanos returns at once while the flag is set; the next slice spins, which a
            // thread that keeps an interrupt pending has chosen
        }
        if (owner.stopping()) {
            throw owner.killed();
        }
    }

    /**
     * Hands the CPU to the next thread of the caller's group; outside a group (or where it cannot
     * switch), a hint to the JVM. Unwinds if the SIP is ending.
     */
    public static void yieldCpu(SipContext owner) {
        Group group = CURRENT.get();
        if (group == null || group.running < 0 || !group.fibers.suspend()) {
            Thread.yield();
        }
        if (owner.stopping()) {
            throw owner.killed();
        }
    }

    /**
     * Called by a fiber of a group that waits for {@code event}: the fiber is skipped until the event
     * is set, and the group's other threads run meanwhile. Returns when the fiber runs again (the
     * event set, or the wait to be retried); false at once if the caller is in no group.
     */
    static boolean waitInGroup(SpinParkEvent event) {
        Group group = CURRENT.get();
        int running;
        if (group == null || (running = group.running) < 0) {
            return false;
        }
        group.waitingFor[running] = event;
        if (!group.fibers.suspend()) {
            group.waitingFor[running] = null;
            return false;
        }
        return true;
    }
}
