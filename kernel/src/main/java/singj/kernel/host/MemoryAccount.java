package singj.kernel.host;

import java.lang.ref.PhantomReference;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import singj.kernel.KernelConfig;

/**
 * How much of the JVM's heap one SIP holds, estimated by sampling.
 *
 * <p>The JVM cannot tell which objects belong to which SIP, and the thread MX bean reports
 * nothing for virtual threads, so the installer counts in the SIP's own code: every allocation
 * site subtracts an estimate of its size from a per-SIP budget, and when 256 KiB have been
 * allocated, the object allocated at that moment becomes a <em>sample</em> standing for those
 * 256 KiB. A phantom reference tells when the sample dies, and its weight is taken off again.
 * The weight of the samples alive estimates the SIP's heap: exact for large arrays (each is a
 * sample), statistically right for many small objects (as in a heap profiler), and never blind
 * to a program that keeps what it allocates.
 *
 * <p>Only a collection finds garbage dead, so the quota is enforced when one has happened (see
 * {@link CollectionWatch}), on the samples older than the previous collection: those have survived at
 * least one. A program that allocates far more garbage than its quota is not mistaken for one
 * that keeps it. A SIP found over its quota is killed only after a full collection confirms it,
 * since garbage that was promoted before it died is found only by a full one. Where collections
 * are rare (a large young generation, large arrays allocated straight into the old one), the SIP
 * is counted exactly when it allocates a large array past its quota, or has allocated twice its
 * quota without a collection, at most every 50 ms. Sampling costs the SIP one counter update per
 * allocation and one small object per 256 KiB.
 */
public final class MemoryAccount {
    private static final long MIN_EXACT_COUNT_INTERVAL_NANOS = 50_000_000;

    /** The SIP an account counts for, as the accounting and the heap guard see it. */
    public interface Holder {
        /** Ends the SIP for its memory, with {@code detail} as the reason; false if it was already ending. */
        boolean killForMemory(String detail);

        /** Whether the heap guard may pick it: a running SIP that is not part of the system. */
        boolean expendable();
    }

    private final long quota;
    private volatile long lastExactCount;
    private final Holder holder;
    private final CollectionWatch collections;
    private final Set<Sample> samples = ConcurrentHashMap.newKeySet();
    // guarded by this: the weight of live samples taken since the last assessment, and before it
    private long recent;
    private long older;
    private int epoch;

    /** Opened by {@link HostRuntime#openAccount}; {@code holder} is killed when it is over its quota. */
    MemoryAccount(long quota, Holder holder, CollectionWatch collections) {
        this.quota = quota;
        this.holder = holder;
        this.collections = collections;
        collections.open(this);
    }

    public long quota() {
        return quota;
    }

    Holder holder() {
        return holder;
    }

    /** The weight of the samples alive: what the SIP holds, plus garbage no collection has found yet. */
    public synchronized long liveEstimate() {
        return recent + older;
    }

    /**
     * Records that {@code object} stands for {@code bytes} of the SIP's allocation. Returns why
     * the SIP must die, or null: when what it has allocated and not seen collected reaches twice
     * its quota, it is counted exactly, with a full collection, so that a SIP cannot hoard far
     * past its quota in a JVM whose young collections are rare.
     */
    public String sample(Object object, long bytes) throws InterruptedException {
        Sample sample;
        synchronized (this) {
            sample = new Sample(object, bytes, this, epoch);
            recent += bytes;
        }
        samples.add(sample);
        if (liveEstimate() <= 2 * quota || System.nanoTime() - lastExactCount < MIN_EXACT_COUNT_INTERVAL_NANOS) {
            return null;
        }
        lastExactCount = System.nanoTime();
        collections.collectAndWait();
        retireCollected();
        long held = liveEstimate();
        return held > quota ? "about " + mib(held) + " live after a full collection" : null;
    }

    /**
     * Whether the SIP may allocate {@code bytes} at once; if not, why (a sentence for the kill).
     * Arrays of a sample's size or more are checked before they are allocated, so that one
     * allocation cannot exhaust the JVM's heap and a hoard of large arrays is caught at once.
     */
    public String refuse(long bytes) throws InterruptedException {
        if (bytes > quota) {
            return "an allocation of " + mib(bytes) + " is larger than the whole quota";
        }
        if (liveEstimate() + bytes <= quota && bytes < freeHeap()) {
            return null;
        }
        // Large arrays may go straight to the old generation, where no young collection finds
        // them dead (or alive): count exactly, with a full collection, though not more often than
        // every few milliseconds per SIP so that large garbage is slowed down, not refused.
        long now = System.nanoTime();
        if (now - lastExactCount < MIN_EXACT_COUNT_INTERVAL_NANOS
                && heldAfterCollections() + bytes <= quota && bytes < freeHeap()) {
            return null;
        }
        lastExactCount = now;
        collections.collectAndWait();
        retireCollected();
        if (liveEstimate() + bytes > quota) {
            return "an allocation of " + mib(bytes) + " with about " + mib(liveEstimate()) + " live";
        }
        if (bytes >= freeHeap()) {
            return "an allocation of " + mib(bytes) + " with only " + mib(freeHeap()) + " of the JVM's heap free";
        }
        return null;
    }

    /**
     * Retires every sample whose object a collection found dead. The collection watch does the
     * same from the reference queue, but the JVM's reference handler enqueues a collection's batch
     * when it gets a core, which on a loaded machine can be after the watch has stopped waiting
     * for it; a sample's reference itself is cleared by the collection, so before a SIP is judged
     * over its quota, this asks each sample rather than the queue.
     */
    private void retireCollected() {
        for (Sample sample : samples) {
            if (sample.refersTo(null)) {
                sample.retire();
            }
        }
    }

    /** Forgets every sample: the SIP is gone. */
    public void release() {
        collections.close(this);
        for (Sample sample : samples) {
            sample.clear();
        }
        samples.clear();
        synchronized (this) {
            recent = 0;
            older = 0;
        }
    }

    private synchronized long heldAfterCollections() {
        return older;
    }

    /** After a full collection, when every sample still counted is reachable. */
    void killIfOverQuota() {
        retireCollected();
        long held = liveEstimate();
        if (held > quota) {
            holder.killForMemory("memory quota of " + mib(quota) + " exceeded (about " + mib(held)
                    + " live after a full collection)");
        }
    }

    /** Starts a new epoch; returns what survived the collection that just ended. */
    synchronized long rollOver() {
        long survived = older;
        older += recent;
        recent = 0;
        epoch++;
        return survived;
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

    /** A sampled object, weighing the bytes allocated since the previous sample. */
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
