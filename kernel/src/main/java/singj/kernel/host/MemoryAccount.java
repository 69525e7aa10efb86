package singj.kernel.host;

import singj.kernel.KernelConfig;

/**
 * How much of the JVM's heap one SIP holds, and its kill when that is more than its quota.
 *
 * <p>The judgment is exact: a {@link HeapCensus} counts the bytes of every object reachable from
 * the SIP's roots (its threads' stacks, its thread objects, its classes' statics), plus the
 * kernel objects made for it ({@link #chargeKernel}), and the SIP is killed if and only if that is
 * more than its quota. No collection is needed, garbage is never counted, so a SIP whose live
 * memory stays under its quota is never killed for it, however much garbage it makes.
 *
 * <p>A census stops the JVM for a moment, so it is made only when the SIP may have grown past its
 * quota since the last one: live memory grows only by allocation, and the JVM's heap sampler
 * ({@link HeapSampler}) sees every allocation on the SIP's threads, one sample per
 * {@link HeapSampler#INTERVAL} bytes on average, each weighing the bytes it stands for. After a
 * census that found {@code held}, the next is asked for once the samples weigh
 * {@link #step} = half the room left ({@code quota - held}), at least half the {@link #slack};
 * while it waits for its census and has allocated half a slack more, each of the SIP's threads
 * waits at its samples ({@link #JUDGMENT_STALL_MILLIS}). A hoarder is thus killed holding about
 * its quota plus the slack (docs/memory.md gives the bound and its probability).
 */
public final class MemoryAccount {
    /**
     * A sample's wait, repeated while the account is overdue for its census: a thread then
     * allocates nothing more until it is judged.
     */
    static final int JUDGMENT_STALL_MILLIS = 10;
    /**
     * A sample's wait once the kill is under way: short, because a loop inside the JVM (a
     * {@code multianewarray}'s) must end before the kill can unwind the thread.
     */
    static final int DYING_STALL_MILLIS = 1;
    /** {@code -Dsingj.census.trace=true}: each judgment's census on standard error (how docs/memory.md's pauses were measured). */
    private static final boolean TRACE = Boolean.getBoolean("singj.census.trace");

    /** The SIP an account counts for, as the accounting and the heap guard see it. */
    public interface Holder {
        /** Ends the SIP for its memory, with {@code detail} as the reason; false if it was already ending. */
        boolean killForMemory(String detail);

        /** Whether the heap guard may pick it: a running SIP that is not part of the system. */
        boolean expendable();

        /** The loader of its classes (their statics are its roots), or null before it has one. */
        ClassLoader loader();

        /** Its threads that may hold objects on their stacks (started and not ended). */
        Thread[] threads();
    }

    private final int number;
    private final long quota;
    private final long slack;
    private final Holder holder;
    private final CensusWatch censuses;
    /** How far the samples since the last census must weigh before the next is asked for. */
    private volatile long step;
    /** A census is asked for and not made yet. */
    private volatile boolean pending;
    /** Found over its quota: the kill is under way. */
    private volatile boolean condemned;
    // guarded by this
    /** The weight of the samples taken since the last census began: what the SIP allocated since. */
    private long allocatedSince;
    /** What the last census counted. */
    private long held;
    /** Kernel objects made for the SIP and not released, at their fixed sizes. */
    private long kernelBytes;

    /** Opened by {@link HostRuntime#openAccount}; {@code holder} is killed when it is over its quota. */
    MemoryAccount(long quota, Holder holder, CensusWatch censuses) {
        this.quota = quota;
        this.slack = slack(quota);
        this.step = Math.max(slack / 2, quota / 2);
        this.holder = holder;
        this.censuses = censuses;
        this.number = HeapSampler.open(this);
        censuses.open(this);
    }

    /** What a SIP may hold above its quota before it is killed (the 1 MiB + 5%). */
    static long slack(long quota) {
        return KernelConfig.MIB + quota / 20;
    }

    public long quota() {
        return quota;
    }

    Holder holder() {
        return holder;
    }

    /** {@code thread}, not started yet, is the SIP's: what it allocates is charged here from its start. */
    public void claim(Thread thread) {
        HeapSampler.claim(thread, number);
    }

    /**
     * Charges what the calling thread allocates here until the returned charge is closed: for an
     * embedding application or a benchmark whose own thread runs the SIP's code
     * ({@code Sip.staticEntry}). The thread is charged to nothing afterwards.
     */
    public Charge chargeCallingThread() {
        int error = HostThreads.chargeCurrentThread(number);
        if (error != 0) {
            throw new IllegalStateException("JVMTI error " + error + " charging " + Thread.currentThread());
        }
        return () -> HostThreads.chargeCurrentThread(0);
    }

    /** A thread charged to an account until closed. */
    public interface Charge extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Charges {@code bytes} of kernel objects made for the SIP (a channel, a name, a waiter) that
     * the SIP's own objects may not reach: counted at every census until {@link #dischargeKernel}.
     */
    public void chargeKernel(long bytes) {
        long since;
        synchronized (this) {
            kernelBytes += bytes;
            allocatedSince += bytes;
            since = allocatedSince;
        }
        askIfDue(since);
    }

    public synchronized void dischargeKernel(long bytes) {
        kernelBytes -= bytes;
    }

    /** What the last census counted plus what the SIP allocated since: at least what it holds now, as far as the samples tell. */
    public synchronized long liveEstimate() {
        return held + allocatedSince;
    }

    /**
     * A sample of the JVM's sampler: an object of {@code size} bytes, just allocated on one of the
     * SIP's threads. Returns how many milliseconds that thread waits before it goes on; the wait
     * is repeated while {@link #overdue} says so.
     */
    int sampled(Object object, long size) {
        if (condemned) {
            return DYING_STALL_MILLIS;
        }
        long since;
        synchronized (this) {
            allocatedSince += HeapSampler.weight(size);
            since = allocatedSince;
        }
        askIfDue(since);
        return overdue() ? JUDGMENT_STALL_MILLIS : 0;
    }

    private void askIfDue(long since) {
        if (since >= step && !pending && !condemned) {
            pending = true;
            censuses.requestJudgment(this);
        }
    }

    /** Whether the SIP's threads wait at their samples: its census is asked for and it allocated half a slack past the step. */
    boolean overdue() {
        if (!pending || condemned) {
            return false;
        }
        synchronized (this) {
            return allocatedSince >= step + slack / 2;
        }
    }

    /**
     * Whether the SIP may allocate {@code bytes} at once; if not, why (a sentence for the kill).
     * The installer announces arrays of {@code SipGlue.LARGE_ARRAY_BYTES} or more before they are
     * allocated, so that one allocation cannot take more than the whole quota, or the JVM's heap
     * from under other SIPs.
     */
    public String refuse(long bytes) throws InterruptedException {
        if (bytes > quota + slack) {
            return "an allocation of " + mib(bytes) + " is larger than the whole quota";
        }
        if (bytes < freeHeap()) {
            return null;
        }
        censuses.forceCollection();
        if (bytes >= freeHeap()) {
            return "an allocation of " + mib(bytes) + " with only " + mib(freeHeap()) + " of the JVM's heap free";
        }
        return null;
    }

    /** Forgets what it counted: the SIP is gone. */
    public void release() {
        HeapSampler.close(number);
        censuses.close(this);
        synchronized (this) {
            allocatedSince = 0;
            held = 0;
            kernelBytes = 0;
        }
    }

    /**
     * Counts what the SIP holds now, stopping past {@code stopAbove}; what it allocates from the
     * census on is for the next. The census's pause is the caller's to budget.
     */
    HeapCensus.Count census(long stopAbove) {
        long kernel;
        synchronized (this) {
            kernel = kernelBytes;
            allocatedSince = 0;
        }
        HeapCensus.Count count = HeapCensus.take(holder.loader(), holder.threads(), Math.max(0, stopAbove - kernel));
        synchronized (this) {
            held = count.bytes() + kernel;
        }
        return count;
    }

    /** What the last census counted, with the kernel objects charged then. */
    synchronized long held() {
        return held;
    }

    /**
     * Makes the census that was asked for: kills the SIP if it holds more than its quota, else
     * sets the step to the next census at half the room left. Returns the census, for its pause.
     */
    HeapCensus.Count judge() {
        // counted past the quota, so that the kill says by how much it was over; no further than
        // twice, so that a hoarder's census costs about what an honest SIP's does
        HeapCensus.Count count = census(2 * quota + slack);
        if (TRACE) {
            System.err.printf("singj census: %s %.1f MiB in %d objects (%d tagged), pause %.1f ms, set-up %.1f ms over %d classes%n",
                    holder, count.bytes() / (double) KernelConfig.MIB, count.objects(), count.taggedObjects(),
                    count.walkNanos() / 1e6, count.setUpNanos() / 1e6, count.classes());
        }
        long counted = held();
        if (count.stoppedEarly() || counted > quota) {
            condemned = true;
            holder.killForMemory("memory quota of " + mib(quota) + " exceeded (" + (count.stoppedEarly() ? "more than " : "")
                    + mibExact(counted) + " reachable, " + counted + " bytes, counted by a heap census)");
        } else {
            step = Math.max(slack / 2, (quota - counted) / 2);
        }
        pending = false;
        return count;
    }

    /** The weight of samples past which the next census is asked for. */
    long step() {
        return step;
    }

    boolean condemned() {
        return condemned;
    }

    private static long freeHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    public static String mib(long bytes) {
        return (bytes + KernelConfig.MIB / 2) / KernelConfig.MIB + " MiB";
    }

    /** To a tenth of a MiB: an overshoot of the quota is reported as it was counted. */
    static String mibExact(long bytes) {
        return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (double) KernelConfig.MIB);
    }
}
