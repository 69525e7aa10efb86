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
 * and marks the moment to assess every account.
 */
final class CollectionWatch {
    private static final long MIN_CONFIRMATION_INTERVAL_NANOS = 100_000_000;

    final ReferenceQueue<Object> dead = new ReferenceQueue<>();
    private final Set<MemoryAccount> accounts = ConcurrentHashMap.newKeySet();
    private final Object completedLock = new Object();
    private long lastConfirmation; // the watch's thread only
    private long completed; // guarded by completedLock
    private volatile Reference<Object> sentinel = arm();
    private final Thread thread;

    CollectionWatch() {
        thread = Thread.ofPlatform().daemon().name("singj-collections").start(this::watchForever);
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

    /** The kernel thread's loop: retire dead samples; after each collection, assess every account. */
    private void watchForever() {
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
        } catch (InterruptedException closing) {
            // the host runtime is closing
        }
    }

    private void watchOneCollection() throws InterruptedException {
        awaitCollection();
        List<MemoryAccount> over = rollOverAll();
        if (!over.isEmpty() && System.nanoTime() - lastConfirmation > MIN_CONFIRMATION_INTERVAL_NANOS) {
            // garbage promoted before it died is found only by a full collection: confirm
            lastConfirmation = System.nanoTime();
            System.gc();
            awaitCollection();
            over.forEach(MemoryAccount::killIfOverQuota);
        }
    }

    /** After a collection: starts a new epoch in every account; returns those over their quota. */
    private List<MemoryAccount> rollOverAll() {
        List<MemoryAccount> over = new ArrayList<>();
        for (MemoryAccount account : accounts) {
            if (account.rollOver() > account.quota()) {
                over.add(account);
            }
        }
        return over;
    }

    /** Retires dead samples until the sentinel shows that a collection has been fully counted. */
    private void awaitCollection() throws InterruptedException {
        while (true) {
            Reference<?> reference = dead.remove();
            if (reference == sentinel) {
                drainAfterCollection();
                sentinel = arm();
                synchronized (completedLock) {
                    completed++;
                    completedLock.notifyAll();
                }
                return;
            }
            if (reference instanceof MemoryAccount.Sample sample) {
                sample.retire();
            }
        }
    }

    /**
     * Runs a full collection and waits until what it found dead has been retired, so that every
     * account then counts exactly what is reachable.
     */
    void collectAndWait() throws InterruptedException {
        long target;
        synchronized (completedLock) {
            target = completed + 1;
        }
        System.gc();
        long deadline = System.nanoTime() + 2_000_000_000L;
        synchronized (completedLock) {
            while (completed < target && System.nanoTime() < deadline) {
                completedLock.wait(100);
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
            } else {
                quiet++;
            }
        }
    }

    private Reference<Object> arm() {
        return new PhantomReference<>(new Object(), dead);
    }
}
