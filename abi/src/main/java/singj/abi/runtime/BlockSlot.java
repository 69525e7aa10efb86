package singj.abi.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.LockSupport;
import singj.abi.Block;

/**
 * One slot of the exchange heap, as a {@link Block} handle needs it: the generation that every
 * handle is checked against, and the accesses through handles that are under way.
 *
 * <p>A generation ends when its block is sent or freed, and its memory may then belong to another
 * SIP at once. So checking a handle and using the memory must be one step, or a thread could pass
 * the check, lose the block to a send or free on another thread, and then read or write the next
 * owner's data. Two ways make it one step, both cheap on the access side:
 * <ul>
 * <li>A write, a fill or a bulk copy <em>pins</em> the slot ({@link #pin}): it counts itself in,
 *     then checks the generation. {@link #endGeneration} moves the generation on, then waits until
 *     the count is zero. Both sides write and then read (sequentially consistent), so either the
 *     access sees the new generation and touches nothing, or the end waits for it to finish.</li>
 * <li>A read of one value is optimistic, as {@code StampedLock}'s: check, read, then
 *     {@link #validate} that the generation did not move meanwhile; if it did, the value is thrown
 *     away before the caller sees it. (A bulk copy cannot be read this way: its target array is
 *     visible to the SIP's other threads while the copy runs.)</li>
 * </ul>
 * A shared {@code Arena} per generation would give the same guarantee through the JVM's handshake,
 * but closing one costs 30-100 µs and grows with the number of threads, on every send and free
 * (docs/performance.md).
 */
public abstract class BlockSlot {
    private static final VarHandle PINS;
    /** How long ending a generation waits for the accesses under way. */
    private static final long DRAIN_NANOS = 2_000_000_000L;

    static {
        try {
            PINS = MethodHandles.lookup().findVarHandle(BlockSlot.class, "pins", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** A long, so that it never wraps round to a stale handle's value. */
    private volatile long generation;
    private volatile int pins;

    /** Whether a handle of {@code handleGeneration} may be used now. */
    public final boolean isCurrent(long handleGeneration) {
        return generation == handleGeneration;
    }

    /**
     * Before an access through a handle of {@code handleGeneration}: true if the handle is current,
     * and then its generation cannot end until {@link #unpin}; false (nothing pinned) if it is stale.
     */
    public final boolean pin(long handleGeneration) {
        PINS.getAndAdd(this, 1);
        if (generation == handleGeneration) {
            return true;
        }
        PINS.getAndAdd(this, -1);
        return false;
    }

    public final void unpin() {
        PINS.getAndAdd(this, -1);
    }

    /** After an optimistic read: whether {@code handleGeneration} stayed current, so that the value read was the handle's. */
    public final boolean validate(long handleGeneration) {
        VarHandle.acquireFence(); // the read of the value before the generation's
        return generation == handleGeneration;
    }

    /** The generation a new handle speaks for. */
    protected final long generation() {
        return generation;
    }

    /**
     * Ends the current generation: every handle made so far is dead, and once this returns true
     * none of them is still in an access, so the memory can go to another owner. The kernel calls
     * it under the slot's lock, so that two ends never race. An access is at most one bulk copy of
     * the block, well within {@link #DRAIN_NANOS}; false if an access is still counted in after
     * that: its thread left it without counting itself out (a stack overflow in the access's
     * {@code finally} can do that), and the memory must never go to another owner.
     */
    protected final boolean endGeneration() {
        generation = generation + 1;
        long deadline = 0;
        for (int spins = 0; pins != 0; spins++) {
            if (spins < 1000) {
                Thread.onSpinWait();
            } else if (deadline == 0) {
                deadline = System.nanoTime() + DRAIN_NANOS;
            } else if (System.nanoTime() - deadline > 0) {
                return false;
            } else {
                LockSupport.parkNanos(50_000);
            }
        }
        return true;
    }

    /** Frees the block of {@code handle}: its memory returns to the heap and every handle to it is dead. */
    public abstract void free(Block handle);

    /** Why {@code handle} cannot be used: it was sent, or freed (for the error a stale handle gets). */
    public abstract String whyDead(Block handle);
}
