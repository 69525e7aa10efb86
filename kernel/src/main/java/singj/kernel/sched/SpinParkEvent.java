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
 * running threads ~100 ns, then parks. The spinning path allocates nothing; a parking waiter
 * queues itself, so any number may wait. A cooperative thread ({@link CooperativeScheduler}) does
 * neither: it hands the CPU to the next runnable thread of its group, which is what makes a wake-up
 * between two threads of a group cost two user-space switches. Kill-aware: the kernel interrupts a dying SIP's threads,
 * and a waiter of a dying SIP unwinds.
 */
public final class SpinParkEvent implements WaitEvent {
    private static final long SPIN_NANOS = 20_000;
    /** The longest park between checks of the kill flag, should an interrupt be swallowed. */
    private static final long PARK_SLICE_NANOS = 50_000_000;
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
        // a cooperative thread lets the rest of its group run until the event is set
        while (CooperativeScheduler.waitInGroup(this)) {
            if (SIGNALLED.compareAndSet(this, true, false)) {
                return;
            }
            if (owner.stopping()) {
                throw owner.killed();
            }
        }
        awaitByThread();
    }

    /** Whether the event is set now (a hint: another waiter may take it first). */
    boolean isSet() {
        return signalled;
    }

    /** Lets the thread of a cooperative group whose threads all wait park on this event too. */
    void addParked(Thread thread) {
        parked.add(thread);
    }

    void removeParked(Thread thread) {
        parked.remove(thread);
    }

    /** An OS (or virtual) thread's wait: spin, then park. */
    private void awaitByThread() {
        long spinUntil = System.nanoTime() + SPIN_NANOS;
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

    /** Parks until set, a kill or a slice's end; returns whether an interrupt that is not a kill arrived. */
    private boolean park() {
        Thread self = Thread.currentThread();
        parked.add(self);
        try {
            if (!signalled && !owner.stopping()) {
                LockSupport.parkNanos(this, PARK_SLICE_NANOS);
            }
        } finally {
            parked.remove(self);
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
