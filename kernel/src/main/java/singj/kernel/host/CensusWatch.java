package singj.kernel.host;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * Keeps the memory account of every SIP of every kernel that shares its {@link HostRuntime}, and
 * makes the heap censuses they ask for ({@link #requestJudgment}), one at a time, on one kernel
 * thread. A census stops every thread of the JVM while it walks the SIP's objects, so the
 * censuses of the whole JVM together take at most {@link Pauses#SHARE} of its time: after a
 * census that stopped the JVM for {@code p}, the next waits {@code p / SHARE - p}.
 */
final class CensusWatch {
    private final Set<MemoryAccount> accounts = ConcurrentHashMap.newKeySet();
    /** Accounts that asked to be judged and have not been yet; each at most once ({@code MemoryAccount.pending}). */
    private final LinkedBlockingQueue<MemoryAccount> requested = new LinkedBlockingQueue<>();
    private final Thread thread;

    CensusWatch() {
        thread = Thread.ofPlatform().daemon().name("singj-censuses").start(this::watchForever);
    }

    void open(MemoryAccount account) {
        accounts.add(account);
    }

    void close(MemoryAccount account) {
        accounts.remove(account);
    }

    /** The open accounts: one per SIP that exists. */
    Set<MemoryAccount> accounts() {
        return accounts;
    }

    /** Ends the watch's thread. */
    void close() {
        thread.interrupt();
    }

    /** {@code account} asks for a census. Never waits: called on the SIP's thread from the heap sampler. */
    void requestJudgment(MemoryAccount account) {
        requested.add(account);
    }

    private void watchForever() {
        try {
            while (true) {
                MemoryAccount account = requested.take();
                if (!accounts.contains(account)) {
                    continue; // released while it waited
                }
                try {
                    Pauses.turn();
                    Pauses.took(account.judge().walkNanos());
                } catch (OutOfMemoryError heapFull) {
                    // a SIP filled the heap; the heap guard or its own allocation kills it, and this
                    // thread, which must outlive every SIP, goes on; the account asks again at its
                    // next sample
                    requestJudgment(account);
                }
            }
        } catch (InterruptedException closing) {
            // the host runtime is closing
        }
    }

    /** A census of {@code account} now, for the heap guard, within the same budget of pauses. */
    HeapCensus.Count censusNow(MemoryAccount account, long stopAbove) throws InterruptedException {
        Pauses.turn();
        HeapCensus.Count count = account.census(stopAbove);
        Pauses.took(count.walkNanos());
        return count;
    }

    /**
     * Runs a full collection, within the same budget of pauses (and no sooner than
     * {@link Pauses#MIN_COLLECTION_INTERVAL_NANOS} after the previous one forced here). When it
     * returns, the references of every object the collection found dead are cleared.
     */
    void forceCollection() throws InterruptedException {
        Pauses.turn();
        long start = System.nanoTime();
        System.gc();
        Pauses.took(Math.max(System.nanoTime() - start, Pauses.MIN_COLLECTION_INTERVAL_NANOS * Pauses.SHARE / 100));
    }

    /**
     * The budget of the pauses the accounting makes: JVM-wide state, as the heap is, because a
     * census or a forced collection stops every thread of the JVM, whichever host runtime asked.
     */
    private static final class Pauses {
        /** The share of the JVM's time, in percent, the accounting's pauses may take. */
        static final long SHARE = 10;
        static final long MIN_COLLECTION_INTERVAL_NANOS = 250_000_000;
        private static final Object LOCK = new Object();
        private static long next = System.nanoTime(); // guarded by LOCK: when the next pause may start

        static void turn() throws InterruptedException {
            synchronized (LOCK) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                next = System.nanoTime(); // a pause is under way: whoever comes next waits for took
            }
        }

        /** A pause of {@code nanos} just ended: the next waits so that pauses stay within their share. */
        static void took(long nanos) {
            synchronized (LOCK) {
                next = System.nanoTime() + nanos * (100 - SHARE) / SHARE;
            }
        }
    }
}
