package singj.kernel;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.List;

/**
 * Watches the JVM's garbage collections through the references they clear, on one kernel thread.
 * Samples of the SIPs' memory accounts die with their objects and arrive here; a sentinel that is
 * dead from the start arrives once per collection, in the same batch as the samples that
 * collection found dead, and marks the moment to assess every account.
 */
final class CollectionWatch {
    static final ReferenceQueue<Object> DEAD = new ReferenceQueue<>();
    private static final long MIN_CONFIRMATION_INTERVAL_NANOS = 100_000_000;
    private static final Object COMPLETED_LOCK = new Object();
    private static long lastConfirmation;
    private static long completed;
    private static volatile Reference<Object> sentinel = arm();

    private CollectionWatch() {}

    /** The kernel thread's loop: retire dead samples; after each collection, assess every account. */
    static void watchForever() {
        try {
            boolean rearm = false;
            while (true) {
                try {
                    if (rearm) {
                        sentinel = arm();
                        rearm = false;
                    }
                    watchOneCollection();
                } catch (OutOfMemoryError heapFull) {
                    // a SIP filled the heap; the heap guard or its own allocation kills it, and this
                    // thread, which must outlive every SIP, watches the next collection, with a
                    // fresh sentinel in case the last one was taken but not replaced
                    rearm = true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void watchOneCollection() throws InterruptedException {
        awaitCollection();
        List<MemoryAccount> over = MemoryAccount.rollOverAll();
        if (!over.isEmpty() && System.nanoTime() - lastConfirmation > MIN_CONFIRMATION_INTERVAL_NANOS) {
            // garbage promoted before it died is found only by a full collection: confirm
            lastConfirmation = System.nanoTime();
            System.gc();
            awaitCollection();
            over.forEach(MemoryAccount::killIfOverQuota);
        }
    }

    /** Retires dead samples until the sentinel shows that a collection has been fully counted. */
    private static void awaitCollection() throws InterruptedException {
        while (true) {
            Reference<?> dead = DEAD.remove();
            if (dead == sentinel) {
                drainAfterCollection();
                sentinel = arm();
                synchronized (COMPLETED_LOCK) {
                    completed++;
                    COMPLETED_LOCK.notifyAll();
                }
                return;
            }
            if (dead instanceof MemoryAccount.Sample sample) {
                sample.retire();
            }
        }
    }

    /**
     * Runs a full collection and waits until what it found dead has been retired, so that every
     * account then counts exactly what is reachable.
     */
    static void collectAndWait() throws InterruptedException {
        long target;
        synchronized (COMPLETED_LOCK) {
            target = completed + 1;
        }
        System.gc();
        long deadline = System.nanoTime() + 2_000_000_000L;
        synchronized (COMPLETED_LOCK) {
            while (completed < target && System.nanoTime() < deadline) {
                COMPLETED_LOCK.wait(100);
            }
        }
    }

    /** The reference handler enqueues one collection's batch quickly, but not at once. */
    private static void drainAfterCollection() throws InterruptedException {
        int quiet = 0;
        while (quiet < 2) {
            Reference<?> dead = DEAD.remove(1);
            if (dead instanceof MemoryAccount.Sample sample) {
                sample.retire();
                quiet = 0;
            } else {
                quiet++;
            }
        }
    }

    private static Reference<Object> arm() {
        return new PhantomReference<>(new Object(), DEAD);
    }
}
