package singj.kernel.sched;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.LockSupport;
import singj.abi.WaitEvent;
import singj.abi.runtime.SipContext;

/**
 * The kernel's auto-reset event ({@code Sip.newWaitEvent()}). A waiter spins for up to
 * {@value #SPIN_NANOS} ns, since waking a parked thread costs ~25 µs and a hand-over between two
 * running threads ~100 ns, then parks; on a carrier that holds the thread its last set woke (SingJ's
 * carrier pool hands it over), it parks at once, which runs that thread. The spinning path
 * allocates nothing; a parking waiter queues itself, so any number may wait, and parks without a
 * timeout: a set wakes the first in the queue, and a waiter that leaves the queue while the event
 * is set passes the wake-up on to the next, so none sleeps through a set meant for it. Kill-aware: the kernel interrupts a dying SIP's threads,
 * and a waiter of a dying SIP unwinds.
 */
public final class SpinParkEvent implements WaitEvent {
    private static final long SPIN_NANOS = 20_000;
    private static final VarHandle SIGNALLED;

    static {
        try {
            SIGNALLED = MethodHandles.lookup().findVarHandle(SpinParkEvent.class, "signalled", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final SipContext owner;
    private final ConcurrentLinkedQueue<Thread> parked = new ConcurrentLinkedQueue<>();
    @SuppressWarnings("unused") // through SIGNALLED
    private volatile boolean signalled;

    public SpinParkEvent(SipContext owner) {
        this.owner = owner;
    }

    @Override
    public void set() {
        signalled = true;
        Thread waiter = parked.peek();
        if (waiter != null) {
            LockSupport.unpark(waiter);
        }
    }

    @Override
    public void await() {
        if (SIGNALLED.compareAndSet(this, true, false)) {
            return;
        }
        awaitByThread();
    }

    /** Whether the event is set now (a hint: another waiter may take it first; for tests). */
    boolean isSet() {
        return signalled;
    }

    /** An OS (or virtual) thread's wait: spin, then park. */
    private void awaitByThread() {
        // a thread this one's set handed to its carrier runs only once this one parks
        long spinUntil = SipThreadScheduler.worthSpinning() ? System.nanoTime() + SPIN_NANOS : 0;
        boolean interrupted = false;
        try {
            for (int i = 0; !SIGNALLED.compareAndSet(this, true, false); i++) {
                if ((i & 63) != 0) {
                    Thread.onSpinWait();
                    continue;
                }
                if (owner.stopping()) {
                    throw owner.killed();
                }
                if (System.nanoTime() >= spinUntil) {
                    interrupted |= park();
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt(); // not a kill: the SIP's own business, left for its code
            }
        }
    }

    /**
     * Parks until set or a kill (the kernel interrupts a dying SIP's threads after marking it
     * stopping, and an interrupt ends a park); returns whether an interrupt that is not a kill
     * arrived.
     */
    private boolean park() {
        Thread self = Thread.currentThread();
        parked.add(self);
        try {
            if (!signalled && !owner.stopping()) {
                LockSupport.park(this);
            }
        } finally {
            parked.remove(self);
            // a set that chose this thread as it was leaving would wake nobody: pass it on
            if (signalled) {
                Thread next = parked.peek();
                if (next != null) {
                    LockSupport.unpark(next);
                }
            }
        }
        if (Thread.interrupted()) {
            if (owner.stopping()) {
                throw owner.killed();
            }
            return true;
        }
        return false;
    }
}
