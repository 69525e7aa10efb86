package singj.kernel.host;

import java.lang.ref.PhantomReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import singj.kernel.KernelConfig;

/**
 * How much of the JVM's heap one SIP holds, estimated from the JVM's heap samples.
 *
 * <p>The JVM cannot tell which objects belong to which SIP, so its heap sampler
 * ({@link HeapSampler}) picks objects allocated on the SIP's threads at random, on average one per
 * {@link HeapSampler#INTERVAL} bytes, whoever's code allocates them. A sampled object of size
 * {@code s} stands for {@link HeapSampler#weight} bytes, its size divided by the probability that
 * it was sampled, so the weight of the samples alive is an unbiased estimate {@code E} of what
 * the SIP has allocated and not seen collected. A phantom reference tells when a sample dies, and
 * its weight is taken off again.
 *
 * <p>{@code E} counts garbage until a collection finds it, so a SIP is judged only on what
 * survives a <em>full</em> collection: when its estimate then is over {@link #limit} (its quota),
 * a {@link HeapCensus} counts exactly what is reachable from the SIP, plus the kernel objects
 * made for it ({@link #chargeKernel}), and the SIP is killed if and only if that is more than its
 * quota. The estimate only says when to count: an honest SIP is never killed for an estimate
 * (docs/memory.md).
 * A judgment is asked for, without the SIP waiting for it, when {@code E} passes the account's
 * trigger (at first the limit), and after any collection of the JVM's that the SIP's samples
 * survived weighing more than the limit. The collection watch serves these with full collections
 * at most {@link CollectionWatch#MIN_FORCED_INTERVAL_NANOS} apart for the whole JVM. A judgment
 * that finds the SIP under its limit was asked for by garbage, about {@code trigger - held}: the
 * trigger becomes the limit plus twice that (at most {@link #MAX_TRIGGER_FACTOR} times the limit),
 * so a SIP that makes much garbage is not collected for again and again, while one whose estimate
 * was mostly live is judged again soon; collections the JVM makes on its own still judge it. While a judgment is
 * pending and {@code E} is past twice the trigger, or once the kill is under way, each sample makes
 * the thread wait ({@link #JUDGMENT_STALL_MILLIS}, {@link #DYING_STALL_MILLIS}), so that a loop inside the JVM or the JDK cannot fill
 * the heap first.
 */
public final class MemoryAccount {
    /** {@code -Dsingj.census.trace=true}: each census on standard error (how docs/memory.md's pauses were measured). */
    private static final boolean TRACE = Boolean.getBoolean("singj.census.trace");
    /** How far garbage can push the trigger: the most a hoarder between the JVM's own collections gains. */
    static final int MAX_TRIGGER_FACTOR = 16;
    /**
     * A sample's wait while the account is far past its trigger and waits to be judged: a thread
     * then allocates at most {@code INTERVAL} per 10 ms (25 MiB/s) until the judgment.
     */
    static final int JUDGMENT_STALL_MILLIS = 10;
    /**
     * A sample's wait once the kill is under way: short, because a loop inside the JVM (a
     * {@code multianewarray}'s) must end before the kill can unwind the thread.
     */
    static final int DYING_STALL_MILLIS = 1;

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
    private final long limit;
    private final Holder holder;
    private final CollectionWatch collections;
    private final Set<Sample> samples = ConcurrentHashMap.newKeySet();
    /** The estimate past which a sample asks for a judgment. */
    private volatile long trigger;
    /** A judgment is asked for and not made yet. */
    private volatile boolean pending;
    /** Found over its limit: the kill is under way. */
    private volatile boolean condemned;
    // guarded by this: the weight of live samples taken since the last collection, and before it
    private long recent;
    private long older;
    /** Kernel objects made for the SIP and not released, at their fixed sizes. */
    private long kernelBytes;
    private int epoch;
    /** The epoch the last {@link #cut} began: samples of earlier epochs are what a judgment weighs. */
    private volatile int cut;

    /** Opened by {@link HostRuntime#openAccount}; {@code holder} is killed when it is over its quota. */
    MemoryAccount(long quota, Holder holder, CollectionWatch collections) {
        this.quota = quota;
        this.limit = quota;
        this.trigger = limit;
        this.holder = holder;
        this.collections = collections;
        this.number = HeapSampler.open(this);
        collections.open(this);
    }

    public long quota() {
        return quota;
    }

    /** The estimate past which the SIP is counted by a census, after a full collection. */
    public long limit() {
        return limit;
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

    /** The weight of the samples alive and the kernel objects charged: what the SIP holds, plus garbage no collection has found yet. */
    public synchronized long liveEstimate() {
        return recent + older + kernelBytes;
    }

    /**
     * Charges {@code bytes} of kernel objects made for the SIP (a channel, a name, a waiter) that
     * the kernel holds, and the SIP's own objects need not reach: counted in its estimate and at
     * every census until {@link #dischargeKernel}.
     */
    public void chargeKernel(long bytes) {
        long estimate;
        synchronized (this) {
            kernelBytes += bytes;
            estimate = recent + older + kernelBytes;
        }
        if (estimate > trigger && !pending && !condemned) {
            pending = true;
            collections.requestJudgment(this);
        }
    }

    public synchronized void dischargeKernel(long bytes) {
        kernelBytes -= bytes;
    }

    /**
     * The SIP received a message of {@code bytes}, made on another SIP's threads, where the heap
     * sampler counted it for the sender: counted here as the sampler would have, had the SIP
     * allocated it (taken with probability {@code 1 - exp(-bytes / INTERVAL)}, at the weight
     * {@link HeapSampler#weight}), so that an estimate stays unbiased for a SIP that keeps what it
     * receives, and its judgments come as they would for its own allocations.
     */
    public void received(Object object, long bytes) {
        if (condemned || ThreadLocalRandom.current().nextDouble() >= -Math.expm1(-(double) bytes / HeapSampler.INTERVAL)) {
            return;
        }
        long estimate = record(object, HeapSampler.weight(bytes));
        if (estimate > trigger && !pending) {
            pending = true;
            collections.requestJudgment(this);
        }
    }

    /** Whether its estimate is over its quota: the heap guard kills such a SIP before any under its own. */
    boolean overQuota() {
        return liveEstimate() > quota;
    }

    /**
     * A sample of the JVM's sampler: an object of {@code size} bytes, just allocated on one of the
     * SIP's threads. Returns how many milliseconds that thread waits before it goes on.
     */
    int sampled(Object object, long size) {
        if (condemned) {
            return DYING_STALL_MILLIS;
        }
        long estimate = record(object, HeapSampler.weight(size));
        if (estimate <= trigger) {
            return 0;
        }
        if (!pending) {
            pending = true;
            collections.requestJudgment(this);
        }
        return estimate > 2 * trigger ? JUDGMENT_STALL_MILLIS : 0;
    }

    /** Counts {@code object} as a sample of {@code weight} bytes; the estimate after it. */
    long record(Object object, long weight) {
        Sample sample;
        long estimate;
        synchronized (this) {
            sample = new Sample(object, weight, this, epoch);
            recent += weight;
            estimate = recent + older + kernelBytes;
        }
        samples.add(sample);
        return estimate;
    }

    /**
     * Whether the SIP may allocate {@code bytes} at once; if not, why (a sentence for the kill).
     * The installer announces arrays of {@code SipGlue.LARGE_ARRAY_BYTES} or more before they are
     * allocated, so that one allocation cannot take more than the whole quota, or the JVM's heap
     * from under other SIPs.
     */
    public String refuse(long bytes) throws InterruptedException {
        if (bytes > quota) {
            return "an allocation of " + mib(bytes) + " is larger than the whole quota";
        }
        if (bytes < freeHeap()) {
            return null;
        }
        collections.forceCollection();
        if (bytes >= freeHeap()) {
            return "an allocation of " + mib(bytes) + " with only " + mib(freeHeap()) + " of the JVM's heap free";
        }
        return null;
    }

    /**
     * Retires every sample whose object a collection found dead, and returns the weight of those
     * alive that were taken before the {@link #cut}. The collection watch retires the same from the
     * reference queue, but the JVM's reference handler enqueues a collection's batch when it gets a
     * core; a sample's reference itself is cleared by the collection, so right after a full
     * collection this asks each sample rather than the queue.
     */
    private long retireCollectedWeighingSurvivors() {
        int cut = this.cut;
        long survivors = 0;
        for (Sample sample : samples) {
            if (sample.refersTo(null)) {
                sample.retire();
            } else if (sample.epoch < cut) {
                survivors += sample.bytes;
            }
        }
        return survivors;
    }

    /** Forgets every sample: the SIP is gone. */
    public void release() {
        HeapSampler.close(number);
        collections.close(this);
        for (Sample sample : samples) {
            sample.clear();
        }
        samples.clear();
        synchronized (this) {
            recent = 0;
            older = 0;
            kernelBytes = 0;
        }
    }

    /**
     * Right after a full collection, when every sample taken before the {@link #cut} and still
     * counted is reachable: if their weight is over the limit, counts what the SIP holds by a
     * census and kills it if that is more than its quota; else (the estimate was garbage, or the
     * sampler's noise) raises its trigger. Returns how long the census stopped the JVM (0 if none
     * was made), for the budget of pauses.
     */
    long judge() {
        long estimate = retireCollectedWeighingSurvivors() + kernelBytes();
        long held = estimate;
        long paused = 0;
        if (estimate > limit) {
            Counted count = count();
            paused = count.pauseNanos();
            held = count.bytes();
            if (held > quota) {
                condemned = true;
                holder.killForMemory("memory quota of " + mib(quota) + " exceeded (about " + mib(estimate)
                        + " live after a full collection; " + count + ", counted by a heap census)");
                pending = false;
                return paused;
            }
        }
        // the judgment was asked for by about trigger - held of garbage (or of the sampler's
        // noise): leave room for twice that above the limit, so a SIP that makes much garbage is
        // soon left to the JVM's own collections, while one whose estimate was mostly live is
        // judged again soon
        trigger = Math.min(MAX_TRIGGER_FACTOR * limit, limit + 2 * Math.max(0, trigger - held));
        pending = false;
        return paused;
    }

    /**
     * What the SIP holds now, counted by a {@link HeapCensus} with the kernel objects and unread
     * messages charged to it: past the quota, so that a kill can say by how much it was over; no
     * further than twice, so that a hoarder's census costs about what an honest SIP's does.
     */
    Counted count() {
        long kernel = kernelBytes();
        ClassLoader loader = holder.loader();
        if (loader == null) {
            return new Counted(kernel, false, 0); // not started: nothing of its own yet
        }
        HeapCensus.Count count = HeapCensus.take(loader, holder.threads(), 2 * quota - kernel);
        long held = count.bytes() + kernel;
        if (TRACE) {
            System.err.printf("singj census: %s counted %.1f MiB in %d objects (%d tagged), pause %.1f ms,"
                    + " set-up %.1f ms over %d classes%n", holder, held / (double) KernelConfig.MIB, count.objects(),
                    count.taggedObjects(), count.walkNanos() / 1e6, count.setUpNanos() / 1e6, count.classes());
        }
        return new Counted(held, count.stoppedEarly(), count.walkNanos());
    }

    /** A census's count of one SIP: {@code bytes}, or more if it {@code stoppedEarly}; the JVM paused {@code pauseNanos}. */
    record Counted(long bytes, boolean stoppedEarly, long pauseNanos) {
        /** "23.4 MiB reachable, 24536678 bytes", for a kill's detail. */
        @Override
        public String toString() {
            return (stoppedEarly ? "more than " : "") + mibExact(bytes) + " reachable, " + bytes + " bytes";
        }
    }

    private synchronized long kernelBytes() {
        return kernelBytes;
    }

    /**
     * Just before the full collection that will judge this account: the samples taken from now on
     * are judged by a later collection. The SIP goes on allocating while the watch waits for a core
     * after the collection, and under load that garbage, counted with what survived, was enough to
     * kill an honest SIP holding 10 MiB of a 16 MiB quota ("about 41 MiB live").
     */
    synchronized void cut() {
        older += recent;
        recent = 0;
        cut = ++epoch;
    }

    /** The estimate past which a sample asks for a judgment now. */
    long trigger() {
        return trigger;
    }

    boolean condemned() {
        return condemned;
    }

    /** Starts a new epoch; says whether what survived the collection that just ended is over the limit. */
    synchronized boolean rollOver() {
        long survived = older + kernelBytes;
        older += recent;
        recent = 0;
        epoch++;
        return survived > limit;
    }

    private synchronized void retire(Sample sample) {
        if (sample.epoch == epoch) {
            recent -= sample.bytes;
        } else {
            older -= sample.bytes;
        }
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

    /** A sampled object, weighing the bytes it stands for. */
    static final class Sample extends PhantomReference<Object> {
        private final long bytes;
        private final MemoryAccount account;
        private final int epoch;

        Sample(Object referent, long bytes, MemoryAccount account, int epoch) {
            super(referent, account.collections.dead);
            this.bytes = bytes;
            this.account = account;
            this.epoch = epoch;
        }

        void retire() {
            if (account.samples.remove(this)) {
                account.retire(this);
            }
        }
    }
}
