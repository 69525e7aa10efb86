package singj.abi.runtime;

import java.lang.invoke.MutableCallSite;
import java.util.concurrent.locks.LockSupport;

/**
 * The per-SIP half of the SIP runtime. The kernel defines a fresh copy of this class in every
 * SIP's class loader, so its static fields (the kill flag, the allocation budget, the context) belong
 * to exactly one SIP. It holds only that state and the checks sealed code makes on its hot paths,
 * which must stay small so that the JIT inlines them; everything else is in the shared
 * {@link SipCalls}, because defining a large class for every SIP cost most of a SIP's start.
 *
 * <p>Kill checks (measured in {@code bench}): the entry of a method that calls anything, and the
 * back-edge of a loop with loops inside, and the gap between two strips of a counted loop, call
 * {@link #enter}, which asks the SIP's {@link #LIFE} call site whether it is still alive: the JIT
 * folds that to nothing and kill deoptimises the code that folded it ({@link #kill}). An innermost
 * loop's back-edge calls {@link #poll} (a read of the volatile {@link #killed}, and the time slice
 * of a virtual thread) once every {@value #CHECK_INTERVAL} trips, counted down in a local of its
 * method or read off the loop's own index; a counted loop is split into strips, so that the JIT
 * still vectorises it, and polls every 64 strips. A volatile read on every back-edge cost up to 6x, a
 * countdown in a static field up to 20x, a plain read of a flag on every method entry 12-25% of
 * a small recursive method.
 *
 * <p>Memory accounting: allocation sites in sealed code subtract their size from
 * {@link #allocationBudget}; when it runs out, the object allocated at that moment becomes a
 * sample that stands for every byte allocated since the last one (see the kernel's
 * {@code MemoryAccount}). Arrays larger than {@link #LARGE_ARRAY_BYTES} are announced before they
 * are allocated, so that a single allocation cannot take the JVM's heap from under other SIPs.
 */
public final class SipGlue {
    /** Kill checks between two reads of {@link #killed}. */
    public static final int CHECK_INTERVAL = 4096;
    /** Bytes of allocation between two samples. */
    public static final long SAMPLE_INTERVAL = 256 * 1024;
    /** Arrays at least this large are announced before allocation. */
    public static final long LARGE_ARRAY_BYTES = SAMPLE_INTERVAL;

    /**
     * How long a virtual thread of a SIP (its main thread is one) runs before its kill check
     * yields its carrier. Virtual threads are not preempted: without this, a few SIPs spinning on
     * virtual threads hold every carrier thread and starve every other SIP.
     */
    public static final long TIME_SLICE_NANOS = 1_000_000;

    public static volatile boolean killed;
    /**
     * The SIP's life as the target of a call site: {@link SipCalls#ALIVE} until the kill, then
     * {@link SipCalls#DEAD}. The JIT treats the target of a constant call site as a constant (and
     * records that its code depends on it), so {@link #enter}'s test compiles to nothing; changing
     * the target deoptimises every compiled method that relied on it, including a frame that is
     * running a loop at that moment, and the interpreter then reads the new target. This class is
     * defined afresh for every SIP, so a kill deoptimises that SIP's code only (and JDK code
     * that inlined it).
     */
    private static final MutableCallSite LIFE = new MutableCallSite(SipCalls.ALIVE);
    /** When the current time slice of this SIP's virtual threads began (shared by its threads: a hint). */
    private static long sliceStart = System.nanoTime();
    public static long allocationBudget = SAMPLE_INTERVAL;
    /**
     * Taken from the loader the kernel defined this copy with, as the class initialises: the kernel
     * defines the copy only when the SIP's code first uses it, and a thread can find a class its
     * loader has defined before the loader's own code returns; initialisation is the one step every
     * thread waits for, so no code can run this copy unbound.
     */
    private static SipContext context =
            SipGlue.class.getClassLoader() instanceof PrivateClassLoader sip ? sip.context() : null;

    private SipGlue() {}

    // ---- called by the kernel ------------------------------------------------------------

    public static void kill() {
        killed = true;
        LIFE.setTarget(SipCalls.DEAD);
        MutableCallSite.syncAll(new MutableCallSite[] {LIFE});
    }

    // ---- kill checks ---------------------------------------------------------------------

    /**
     * Called from a loop's back-edge when the loop's countdown (a local of its method, so that
     * counting costs a register, not a store) runs out; returns the next countdown.
     */
    public static int poll() {
        if (killed) {
            throw context.killed();
        }
        if (Thread.currentThread().isVirtual()) {
            long now = System.nanoTime();
            if (now - sliceStart >= TIME_SLICE_NANOS) {
                sliceStart = now;
                // Thread.yield() does not help: a yielding virtual thread goes back on its own
                // carrier's queue and runs again at once, ahead of the threads other SIPs wake.
                // A timed park queues it behind them. It may take a permit an unpark left for the
                // thread's next park, but sealed code runs here, never between a JDK lock's
                // enqueue and its park, and a park in a loop that re-checks its condition (the
                // only correct use) loses nothing. Giving the permit back, as this once did, left
                // one set for ever: every later park returned at once, and only the first time
                // slice ever yielded. (A 1 us sleep yields without touching the permit, but its
                // larger code here halved the speed of a loop the JIT vectorises.)
                LockSupport.parkNanos(1);
            }
        }
        return CHECK_INTERVAL;
    }

    /** Inserted at method entries, and on the back-edges of loops with loops inside. */
    public static void enter() {
        if (LIFE.getTarget() != SipCalls.ALIVE) {
            throw context.killed();
        }
    }

    /** Where a strip of {@code length} iterations of a counted loop at {@code index} ends, without overflowing. */
    public static int stripLimit(int index, int length) {
        return index > Integer.MAX_VALUE - length ? Integer.MAX_VALUE : index + length;
    }

    /**
     * Inserted at the start of every exception handler, with the caught exception duplicated on
     * the stack: a kill cannot be caught or swallowed, and a SIP that runs out of heap is killed.
     */
    public static void onCatch(Throwable caught) {
        if (killed || caught instanceof SipKilled) {
            throw context.killed();
        }
        if (caught instanceof OutOfMemoryError outOfMemory) {
            throw context.outOfMemory(outOfMemory);
        }
    }

    // ---- memory accounting ---------------------------------------------------------------

    public static void allocated(Object object, int bytes) {
        if ((allocationBudget -= bytes) < 0) {
            sample(object);
        }
    }

    /**
     * What a method's {@code new} sites took off their copy of the budget since they last charged
     * ({@code AllocationBatch} in the installer), {@code latest} the object of the latest site;
     * returns the budget now, the method's next copy.
     */
    public static long charge(Object latest, long bytes) {
        if (bytes != 0 && (allocationBudget -= bytes) < 0) {
            sample(latest);
        }
        return allocationBudget;
    }

    public static void allocatedArray(Object array) {
        if ((allocationBudget -= ArraySizes.bytes(array)) < 0) {
            sample(array);
        }
    }

    /** Inserted before {@code newarray}/{@code anewarray}: {@code count} elements of 2^shift bytes. */
    public static int arrayRequest(int count, int shift) {
        if (count > (LARGE_ARRAY_BYTES >> shift)) {
            context.largeAllocation(((long) count) << shift);
        }
        return count;
    }

    private static void sample(Object object) {
        long bytes = SAMPLE_INTERVAL - allocationBudget;
        allocationBudget = SAMPLE_INTERVAL;
        context.allocationSample(object, bytes);
    }

    /** The SIP's context, for the shared runtime calls ({@link SipCalls}) that sealed code makes. */
    public static SipContext context() {
        return context;
    }
}
