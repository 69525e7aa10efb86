package singj.kernel;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * How much of the JVM's heap one SIP holds, estimated by sampling.
 *
 * <p>The JVM cannot tell which objects belong to which SIP, and the thread MX bean reports
 * nothing for virtual threads, so the installer counts in the SIP's own code: every allocation
 * site subtracts an estimate of its size from a per-SIP budget, and when 256 KiB have been
 * allocated, the object allocated at that moment becomes a <em>sample</em> standing for those
 * 256 KiB. A phantom reference tells us when the sample dies; its weight is then taken off
 * again. The estimate of the live heap is the weight of the samples still alive: exact for large
 * arrays (each one is a sample), statistically right for many small objects (as in a heap
 * profiler), and never blind to a program that keeps what it allocates.
 *
 * <p>Garbage is only found dead after a collection, so a SIP whose estimate crosses its quota
 * is not killed at once: the kernel first asks for a collection and counts again, and kills only
 * if the SIP still holds more than its quota. The work happens on the SIP's own thread, so a SIP
 * allocating fast is slowed down, not the others.
 */
final class MemoryAccount {
    private static final ReferenceQueue<Object> DEAD_SAMPLES = new ReferenceQueue<>();
    private static final long SENTINEL_WAIT_MILLIS = 2_000;
    private static final long MIN_GC_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private final long quota;
    private final AtomicLong live = new AtomicLong();
    private final Set<Sample> samples = ConcurrentHashMap.newKeySet();
    private volatile long lastCollectionNanos = System.nanoTime() - MIN_GC_INTERVAL_NANOS;

    MemoryAccount(long quota) {
        this.quota = quota;
    }

    long quota() {
        return quota;
    }

    long liveEstimate() {
        return live.get();
    }

    /** Records a sample; returns false if the SIP is over its quota even after a collection. */
    boolean sample(Object object, long bytes) {
        samples.add(new Sample(object, bytes, this));
        return live.addAndGet(bytes) <= quota || withinQuotaAfterCollection(0);
    }

    /** Returns false if {@code bytes} more would take the SIP over its quota or the JVM out of heap. */
    boolean admit(long bytes) {
        if (live.get() + bytes <= quota && bytes < freeHeap()) {
            return true;
        }
        return withinQuotaAfterCollection(bytes) && bytes < freeHeap();
    }

    private boolean withinQuotaAfterCollection(long extra) {
        long tooSoon = lastCollectionNanos + MIN_GC_INTERVAL_NANOS - System.nanoTime();
        if (tooSoon > 0) {
            drainDeadSamples(0);
            if (live.get() + extra <= quota) {
                return true;
            }
            // Garbage is only found dead by a collection, and the last one is too recent to
            // have seen what was allocated since: killing now would kill a SIP that allocates
            // garbage fast. Slow it down until another collection is due instead.
            LockSupport.parkNanos(tooSoon);
        }
        lastCollectionNanos = System.nanoTime();
        collectAndCountDeadSamples();
        return live.get() + extra <= quota;
    }

    /**
     * Collects, then waits until the JDK's reference handler has enqueued what the collection
     * found dead. A sentinel that is certainly dead is enqueued in the same batch as the samples,
     * so once it arrives, the dead samples are in (or about to be in) the queue: waiting for it
     * instead of for a fixed time keeps a loaded machine from making garbage look live.
     */
    private static void collectAndCountDeadSamples() {
        var sentinelQueue = new ReferenceQueue<Object>();
        var sentinel = new PhantomReference<>(new Object(), sentinelQueue);
        System.gc();
        try {
            sentinelQueue.remove(SENTINEL_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Reference.reachabilityFence(sentinel);
        drainDeadSamples(1);
        drainDeadSamples(0);
    }

    /** Forgets every sample: the SIP is gone. */
    void release() {
        for (Sample sample : samples) {
            sample.clear();
        }
        samples.clear();
        live.set(0);
    }

    private static long freeHeap() {
        Runtime runtime = Runtime.getRuntime();
        return runtime.maxMemory() - (runtime.totalMemory() - runtime.freeMemory());
    }

    /** Takes the weight of dead samples off their accounts, waiting up to {@code waitMillis} for the first. */
    static void drainDeadSamples(long waitMillis) {
        try {
            Reference<?> dead = waitMillis > 0 ? DEAD_SAMPLES.remove(waitMillis) : DEAD_SAMPLES.poll();
            while (dead != null) {
                ((Sample) dead).retire();
                dead = DEAD_SAMPLES.poll();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs on a kernel daemon thread: retires samples as the collector finds them dead. */
    static void reclaimForever() {
        while (true) {
            try {
                ((Sample) DEAD_SAMPLES.remove()).retire();
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static final class Sample extends PhantomReference<Object> {
        private final long bytes;
        private final MemoryAccount account;

        Sample(Object referent, long bytes, MemoryAccount account) {
            super(referent, DEAD_SAMPLES);
            this.bytes = bytes;
            this.account = account;
        }

        void retire() {
            if (account.samples.remove(this)) {
                account.live.addAndGet(-bytes);
            }
        }
    }
}
