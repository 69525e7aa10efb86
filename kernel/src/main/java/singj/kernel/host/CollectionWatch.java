package singj.kernel.host;

import java.lang.ref.PhantomReference;
import java.lang.ref.Reference;
import java.lang.ref.ReferenceQueue;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches the JVM's garbage collections through the references they clear, on one kernel thread,
 * and keeps the memory account of every SIP of every kernel that shares its {@link HostRuntime}.
 * Samples of the accounts die with their objects and arrive here; a sentinel that is dead from the
 * start arrives once per collection, in the same batch as the samples that collection found dead,
 * and marks the moment to roll every account over. Accounts that ask to be judged
 * ({@link #requestJudgment}) wake the thread through the same queue; it judges them right after a
 * full collection it forces, at most one per {@link #MIN_FORCED_INTERVAL_NANOS} for the whole JVM.
 */
final class CollectionWatch {
    /**
     * The least time between two collections the accounting forces, for the whole JVM: a full
     * collection stops every SIP for a moment, and a SIP that makes garbage as fast as it can must
     * not be able to make the JVM collect without pause.
     */
    static final long MIN_FORCED_INTERVAL_NANOS = 250_000_000;
    /** The longest a census's pause delays the next forced pause. */
    static final long MAX_CENSUS_BACK_OFF_NANOS = 1_000_000_000;

    final ReferenceQueue<Object> dead = new ReferenceQueue<>();
    private final Set<MemoryAccount> accounts = ConcurrentHashMap.newKeySet();
    /** Accounts that asked to be judged and have not been yet. */
    private final Set<MemoryAccount> requested = ConcurrentHashMap.newKeySet();
    private volatile Reference<Object> sentinel = arm();
    /** Enqueued by hand to wake the thread for {@link #requested}; replaced each time it is taken. */
    private volatile Reference<Object> wake = wakeUp();
    private final Thread thread;

    CollectionWatch() {
        thread = Thread.ofPlatform().daemon().name("singj-collections").start(this::watchForever);
    }

    void open(MemoryAccount account) {
        accounts.add(account);
    }

    void close(MemoryAccount account) {
        accounts.remove(account);
        requested.remove(account);
    }

    /** The open accounts: one per SIP that exists. */
    Set<MemoryAccount> accounts() {
        return accounts;
    }

    /** Ends the watch's thread. */
    void close() {
        thread.interrupt();
    }

    /**
     * {@code account} asks to be judged after a full collection. Never waits: called on the SIP's
     * thread from the heap sampler. The account is added before the wake is read, and the watch
     * replaces the wake before it takes the requests, so no request is left unseen.
     */
    void requestJudgment(MemoryAccount account) {
        requested.add(account);
        wake.enqueue();
    }

    /** The kernel thread's loop: retire dead samples; after each collection and each request, judge. */
    private void watchForever() {
        boolean rearm = false;
        try {
            while (true) {
                try {
                    if (rearm) {
                        // fresh references in case one was taken but not replaced
                        sentinel = arm();
                        wake = wakeUp();
                        rearm = false;
                    }
                    watchOnce();
                } catch (OutOfMemoryError heapFull) {
                    // a SIP filled the heap; the heap guard or its own allocation kills it, and this
                    // thread, which must outlive every SIP, goes on. Nothing here may allocate: an
                    // error thrown from this handler ended the thread (and with it every quota of
                    // the JVM) when the heap was still full
                    rearm = true;
                }
            }
        } catch (InterruptedException closing) {
            // the host runtime is closing
        }
    }

    private void watchOnce() throws InterruptedException {
        Reference<?> reference = dead.remove();
        if (reference instanceof MemoryAccount.Sample sample) {
            sample.retire();
            return;
        }
        if (reference == sentinel) {
            drainAfterCollection();
            sentinel = arm();
            for (MemoryAccount account : accounts) {
                // what survived a collection weighs more than the limit: garbage promoted before it
                // died is found only by a full collection, which decides
                if (account.rollOver() && !account.condemned()) {
                    requested.add(account);
                }
            }
        } else if (reference == wake) {
            wake = wakeUp();
        }
        if (!requested.isEmpty()) {
            Forced.turn();
            List<MemoryAccount> judged = new ArrayList<>(requested);
            requested.removeAll(judged);
            judged.forEach(MemoryAccount::cut);
            System.gc();
            for (MemoryAccount account : judged) {
                Forced.paused(account.judge());
            }
        }
    }

    /**
     * Runs a full collection, no sooner than {@link #MIN_FORCED_INTERVAL_NANOS} after the previous
     * one the accounting forced in this JVM (the caller waits for its turn). When it returns, the
     * references of every object the collection found dead are cleared (not yet all enqueued).
     */
    void forceCollection() throws InterruptedException {
        Forced.turn();
        System.gc();
    }

    /**
     * The rate limit of forced collections. JVM-wide state, as the heap is: every host runtime's
     * forced collection stops every thread of the JVM, so two host runtimes must share the limit.
     */
    private static final class Forced {
        private static final Object LOCK = new Object();
        private static long last = System.nanoTime() - MIN_FORCED_INTERVAL_NANOS; // guarded by LOCK

        static void turn() throws InterruptedException {
            synchronized (LOCK) {
                long wait = last + MIN_FORCED_INTERVAL_NANOS - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                last = System.nanoTime();
            }
        }

        /**
         * A census just stopped the JVM for {@code nanos}: the next forced pause waits nine times
         * as long, so that censuses take at most a tenth of the JVM's time, but no more than
         * {@link #MAX_CENSUS_BACK_OFF_NANOS}: a census is made only in a judgment that found a SIP
         * past its quota, and judging the next hoarder must not wait long for it (a loaded
         * machine made 2 s censuses: 18 s without a judgment for any SIP of the JVM).
         */
        static void paused(long nanos) {
            synchronized (LOCK) {
                long wait = Math.min(9 * nanos, MAX_CENSUS_BACK_OFF_NANOS);
                last = Math.max(last, System.nanoTime() + wait - MIN_FORCED_INTERVAL_NANOS);
            }
        }
    }

    /** The reference handler enqueues one collection's batch quickly, but not at once. */
    private void drainAfterCollection() throws InterruptedException {
        int quiet = 0;
        while (quiet < 2) {
            Reference<?> reference = dead.remove(1);
            if (reference instanceof MemoryAccount.Sample sample) {
                sample.retire();
                quiet = 0;
            } else if (reference == wake) {
                wake = wakeUp();
            } else {
                quiet++;
            }
        }
    }

    /** A reference no collection enqueues (it refers to nothing): only {@link #requestJudgment} does. */
    private Reference<Object> wakeUp() {
        return new PhantomReference<>(null, dead);
    }

    private Reference<Object> arm() {
        return new PhantomReference<>(new Object(), dead);
    }
}
