package singj.abi.runtime;

import java.lang.invoke.MutableCallSite;
import java.util.concurrent.locks.LockSupport;

/**
 * The per-SIP half of the SIP runtime. The kernel defines a fresh copy of this class in every
 * SIP's class loader, so its static fields (the kill flag, the context) belong
 * to exactly one SIP. It holds only that state and the checks sealed code makes on its hot paths,
 * which must stay small so that the JIT inlines them; everything else is in the shared
 * {@link SipCalls}, because defining a large class for every SIP cost most of a SIP's start.
 *
 * <p>Kill checks (measured in {@code bench}): the entry of a method that calls anything and every
 * loop back-edge call {@link #enter}, which asks the SIP's {@link #LIFE} call site whether it is
 * still alive. The JIT folds that question to nothing, so compiled sealed code runs as fast as
 * the plain program (a loop it vectorises stays vectorised); a kill changes the call site's
 * target, which deoptimises the code that folded it, loops that are running included, and the
 * interpreter then reads the new target. Earlier shapes all cost something on every trip: a
 * volatile read up to 6x, a countdown in a static field up to 20x, a countdown in a local or a
 * test of the loop's index 8-15% of a quicksort or an allocating loop.
 *
 * <p>The same call site ends a time slice. Virtual threads (a SIP's main thread is one) are not
 * preempted by the JVM; when computing SIPs keep every carrier thread, the kernel adds carriers,
 * so that the OS time-slices them like any threads, and past its limit (or while SIPs are being
 * started) it asks the SIPs that are running to yield ({@link #preempt}): the next check then
 * parks the thread for a moment, behind the threads that waited ({@code CarrierWatch} in the
 * kernel).
 *
 * <p>Memory accounting is not here: the JVM's heap sampler charges what the SIP's threads
 * allocate (the kernel's {@code HeapSampler}), so sealed code has no hook at its {@code new}
 * sites, and no object it allocates flows to a call that would keep the JIT from scalar-replacing
 * it. Only arrays of {@link #LARGE_ARRAY_BYTES} or more are announced before they are allocated,
 * so that a single allocation cannot take more than the quota, or the JVM's heap from under other
 * SIPs; the test is on the length alone.
 */
public final class SipGlue {
    /** Arrays at least this large are announced before allocation. */
    public static final long LARGE_ARRAY_BYTES = 256 * 1024;

    public static volatile boolean killed;
    /**
     * The SIP's life as the target of a call site: {@link SipCalls#ALIVE} while it runs,
     * {@link SipCalls#PREEMPTED} from a request to yield until a thread of the SIP yields, and
     * {@link SipCalls#DEAD} from the kill on. The JIT treats the target of a constant call site as
     * a constant (and records that its code depends on it), so {@link #enter}'s test compiles to
     * nothing; changing the target deoptimises every compiled method that relied on it, including a
     * frame that is running a loop at that moment. This class is defined afresh for every SIP, so
     * a kill or a preemption deoptimises that SIP's code only (and JDK code that inlined it).
     * Changes of target are made under its lock, so that a yield cannot undo a kill.
     */
    private static final MutableCallSite LIFE = new MutableCallSite(SipCalls.ALIVE);
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
        synchronized (LIFE) {
            killed = true;
            LIFE.setTarget(SipCalls.DEAD);
        }
        MutableCallSite.syncAll(new MutableCallSite[] {LIFE});
    }

    /** Asks the SIP's running threads to yield their carriers at their next kill check. */
    public static void preempt() {
        synchronized (LIFE) {
            if (LIFE.getTarget() != SipCalls.ALIVE) {
                return; // dead, or already asked
            }
            LIFE.setTarget(SipCalls.PREEMPTED);
        }
        MutableCallSite.syncAll(new MutableCallSite[] {LIFE});
    }

    // ---- kill checks ---------------------------------------------------------------------

    /** Inserted at method entries and on loop back-edges. */
    public static void enter() {
        if (LIFE.getTarget() != SipCalls.ALIVE) {
            checkIn();
        }
    }

    /** The SIP was killed, or asked to yield. */
    private static void checkIn() {
        synchronized (LIFE) {
            if (killed) {
                throw context.killed();
            }
            if (LIFE.getTarget() == SipCalls.PREEMPTED) { // not yet reset by another of its threads
                LIFE.setTarget(SipCalls.ALIVE);
            }
        }
        if (Thread.currentThread().isVirtual()) {
            // Thread.yield() does not help: a yielding virtual thread goes back on its own
            // carrier's queue and runs again at once, ahead of the threads other SIPs wake.
            // A timed park queues it behind them. It may take a permit an unpark left for the
            // thread's next park, but sealed code runs here, never between a JDK lock's
            // enqueue and its park, and a park in a loop that re-checks its condition (the
            // only correct use) loses nothing. Giving the permit back would leave one set for
            // ever: every later park would return at once.
            LockSupport.parkNanos(1);
        }
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

    /** Inserted before {@code newarray}/{@code anewarray}: {@code count} elements of 2^shift bytes. */
    public static int arrayRequest(int count, int shift) {
        if (count > (LARGE_ARRAY_BYTES >> shift)) {
            context.largeAllocation(((long) count) << shift);
        }
        return count;
    }

    /**
     * Inserted before {@code multianewarray}: the counts of its dimensions, and its innermost
     * elements of 2^shift bytes. The JVM allocates the whole array inside the one instruction, so
     * a large one is announced first, as {@link #arrayRequest} announces a large one-dimensional
     * array. A negative count announces nothing: the JVM throws {@code NegativeArraySizeException}.
     */
    public static void multiArrayRequest(int[] counts, int shift) {
        double arrays = 1;
        double bytes = 0;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] < 0) {
                return;
            }
            int elementShift = i == counts.length - 1 ? shift : 2; // a level above the innermost holds references
            bytes += arrays * (16 + ((double) counts[i] * (1 << elementShift)));
            arrays *= counts[i];
        }
        if (bytes >= LARGE_ARRAY_BYTES) {
            context.largeAllocation((long) Math.min(bytes, Long.MAX_VALUE / 2));
        }
    }

    /** The SIP's context, for the shared runtime calls ({@link SipCalls}) that sealed code makes. */
    public static SipContext context() {
        return context;
    }
}
