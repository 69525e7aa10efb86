package singj.kernel.sched;

import java.util.concurrent.locks.LockSupport;
import singj.abi.runtime.SipContext;

/**
 * The fallback when {@code jdk.internal.vm} is not exported to SingJ: each fiber is a virtual
 * thread of its SIP, and exactly one of a fiber and its resumer runs at a time, passing a baton
 * (spin briefly, then park). Correct, and kill-aware like every other SIP thread, but each switch
 * crosses threads: several times slower than a continuation switch.
 */
final class VirtualThreadFibers implements Fibers {
    private static final ThreadLocal<VirtualFiber> CURRENT = new ThreadLocal<>();

    @Override
    public Fiber create(Runnable body, SipContext owner) {
        return new VirtualFiber(body, owner);
    }

    @Override
    public boolean suspend() {
        VirtualFiber fiber = CURRENT.get();
        if (fiber == null) {
            return false;
        }
        fiber.suspendFromInside();
        return true;
    }

    @Override
    public String mechanism() {
        return "virtual-thread";
    }

    private static final class VirtualFiber implements Fiber {
        private static final int RESUMER = 0;
        private static final int FIBER = 1;
        private static final int DONE = 2;
        private static final long SPIN_NANOS = 20_000;
        private static final long PARK_SLICE_NANOS = 50_000_000;

        private final Runnable body;
        private final SipContext owner;
        private volatile int turn = RESUMER;
        private volatile Thread resumer;
        private Thread thread;
        private Throwable failure;

        VirtualFiber(Runnable body, SipContext owner) {
            this.body = body;
            this.owner = owner;
        }

        @Override
        public void resume() {
            if (turn == DONE) {
                throw new IllegalStateException("the fiber has ended");
            }
            resumer = Thread.currentThread();
            turn = FIBER;
            if (thread == null) {
                thread = owner.threadFactory(true).newThread(this::runBody);
                thread.start();
            } else {
                LockSupport.unpark(thread);
            }
            awaitTurnOtherThan(FIBER);
            Throwable failed = failure;
            if (failed != null) {
                failure = null;
                if (failed instanceof RuntimeException unchecked) {
                    throw unchecked;
                }
                if (failed instanceof Error error) {
                    throw error;
                }
                throw new IllegalStateException(failed);
            }
        }

        @Override
        public boolean isDone() {
            return turn == DONE;
        }

        private void runBody() {
            CURRENT.set(this);
            try {
                body.run();
            } catch (Throwable e) {
                failure = e;
            } finally {
                turn = DONE;
                LockSupport.unpark(resumer);
            }
        }

        void suspendFromInside() {
            turn = RESUMER;
            LockSupport.unpark(resumer);
            awaitTurnOtherThan(RESUMER);
        }

        /** Spins, then parks, until the baton moves away from {@code value}; unwinds on a kill. */
        private void awaitTurnOtherThan(int value) {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            for (int i = 0; turn == value; i++) {
                if ((i & 63) != 0 || System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                    continue;
                }
                LockSupport.parkNanos(this, PARK_SLICE_NANOS);
                if (Thread.interrupted() && !owner.stopping()) {
                    Thread.currentThread().interrupt(); // not ours to take: leave it for the SIP's code
                }
                if (owner.stopping()) {
                    throw owner.killed();
                }
            }
        }
    }
}
