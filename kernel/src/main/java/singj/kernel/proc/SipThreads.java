package singj.kernel.proc;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import singj.abi.QuotaExceededException;
import singj.kernel.host.MemoryAccount;

/**
 * Every thread and executor a SIP created. Sealed code hands each new thread to the kernel at
 * construction ({@code SipGlue.adopt}), so kill can find them all, whoever starts them.
 *
 * <p>These are the SIP's objects, and their classes may be its own: a {@code Thread} subclass can
 * override {@code hashCode}, {@code equals}, {@code getState} and {@code interrupt}, an executor
 * can be the SIP's own class or a {@code ThreadPoolExecutor} with a {@code terminated} hook, and
 * interrupting a thread blocked on an interruptible channel closes the channel, whose class may be
 * the SIP's too. A kernel thread that called any of that would run the SIP's code: it could hang
 * the process list, the carrier watch or the reaper. So the sets here go by identity, the kernel
 * asks a thread only what final methods of {@code Thread} answer ({@code isAlive},
 * {@code join(Duration.ZERO)}, {@code isDaemon}, {@code isVirtual}), and interrupting threads and
 * stopping executors is done by a thread of the SIP ({@link #wakeFromKernel}).
 */
final class SipThreads {
    private final Object lock = new Object();
    // guarded by lock; identity sets: no hashCode or equals of the SIP's objects runs
    // sized for the common SIP, one thread and no executor: the default size (32) took ~550 bytes
    // of an idle SIP's heap; they grow as any map does
    private final Set<Thread> threads = Collections.newSetFromMap(new IdentityHashMap<>(2));
    private final Set<ExecutorService> executors = Collections.newSetFromMap(new IdentityHashMap<>(1));
    /** The SIP thread waking the others on the kernel's behalf, while one does. */
    private volatile Thread waker;
    /** Whether {@link #waker} has started its work, or was withdrawn before it could. */
    private volatile AtomicInteger wakerTurn;
    private static final int WAKER_PENDING = 0;
    private static final int WAKER_RUNNING = 1;
    private static final int WAKER_WITHDRAWN = 2;
    /** How many threads the SIP may have that have not ended (started or not); the kernel's own are not counted. */
    private final int quota;
    private final String owner;
    /** Where what its threads allocate is charged, from their start. */
    private final MemoryAccount memory;

    /** @param owner the SIP, for the quota's message */
    SipThreads(int quota, String owner, MemoryAccount memory) {
        this.quota = quota;
        this.owner = owner;
        this.memory = memory;
    }

    int quota() {
        return quota;
    }

    /**
     * A thread the SIP created: refused with {@link QuotaExceededException} if the SIP already has
     * its quota of threads that have not ended. Threads made but never started count: each is a
     * kernel-visible object the SIP holds until it drops it.
     */
    void addCounted(Thread thread) {
        synchronized (lock) {
            if (threads.size() >= quota) {
                threads.removeIf(SipThreads::hasEnded); // only at the limit, so that below it a new thread costs O(1)
            }
            if (threads.size() >= quota) {
                throw new QuotaExceededException("threads", quota, owner + " has " + threads.size()
                        + " threads that have not ended, its quota of threads is " + quota);
            }
            threads.add(thread);
        }
        memory.claim(thread);
    }

    /** A thread of the kernel's making or the SIP's main thread: never refused. */
    void add(Thread thread) {
        synchronized (lock) {
            threads.add(thread);
        }
        memory.claim(thread);
    }

    void add(ExecutorService executor) {
        synchronized (lock) {
            executors.add(executor);
        }
    }

    boolean contains(Thread thread) {
        return threads.contains(thread);
    }

    /** Threads started and not yet ended. */
    List<Thread> alive() {
        var alive = new ArrayList<Thread>();
        synchronized (lock) {
            var each = threads.iterator();
            while (each.hasNext()) {
                Thread thread = each.next();
                if (thread.isAlive()) {
                    alive.add(thread);
                } else if (hasEnded(thread)) {
                    each.remove();
                }
            }
        }
        return alive;
    }

    /** Whether a thread that is not alive has run and ended, rather than not started yet (final methods only). */
    private static boolean hasEnded(Thread thread) {
        try {
            return thread.join(Duration.ZERO); // true once terminated; never waits with a zero duration
        } catch (IllegalThreadStateException notStarted) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    int countAlive() {
        return alive().size();
    }

    /** Waits until every live non-daemon thread other than the caller has ended (on one of the SIP's threads). */
    void awaitNonDaemon() throws InterruptedException {
        Thread self = Thread.currentThread();
        while (true) {
            Thread waitFor = null;
            for (Thread thread : alive()) {
                if (thread != self && !thread.isDaemon() && !thread.isVirtual()) {
                    waitFor = thread;
                    break;
                }
            }
            if (waitFor == null) {
                return;
            }
            waitFor.join();
        }
    }

    /**
     * On one of the SIP's own threads: stops the SIP's executors and interrupts its other threads
     * (whatever of the SIP's code that runs, runs here); returns those still alive.
     */
    List<Thread> wakeFromWithin() {
        wakeAllBut(Thread.currentThread());
        return alive();
    }

    /**
     * On a kernel thread: has a new thread of the SIP wake the others (unless the previous one
     * still does), since that may run the SIP's code; returns the threads still alive, the
     * waker among them until it is done.
     */
    List<Thread> wakeFromKernel() {
        Thread previous = waker;
        if (previous == null || !previous.isAlive()) {
            AtomicInteger turn = new AtomicInteger(WAKER_PENDING);
            Thread next = Thread.ofVirtual().name("singj-waker").unstarted(() -> {
                if (turn.compareAndSet(WAKER_PENDING, WAKER_RUNNING)) {
                    wakeAllBut(Thread.currentThread());
                }
            });
            add(next);
            waker = next;
            wakerTurn = turn;
            next.start();
        }
        List<Thread> alive = alive();
        if (alive.size() == 1 && alive.getFirst() == waker && wakerTurn.compareAndSet(WAKER_PENDING, WAKER_WITHDRAWN)) {
            // Every other thread has ended and the waker has not started: with every carrier busy it
            // may not for seconds, and there is nothing left for it to wake. Withdrawn, it never
            // runs the SIP's code, so the SIP need not wait for it.
            synchronized (lock) {
                threads.remove(waker);
            }
            return List.of();
        }
        return alive;
    }

    /** Whether {@code thread} is the one {@link #wakeFromKernel} started. */
    boolean isWaker(Thread thread) {
        return thread == waker;
    }

    /** Stops every executor and interrupts every thread but {@code self}, whatever their code does. */
    private void wakeAllBut(Thread self) {
        List<ExecutorService> stopping;
        synchronized (lock) {
            stopping = new ArrayList<>(executors);
        }
        for (ExecutorService executor : stopping) {
            try {
                executor.shutdownNow();
            } catch (Throwable ignored) { // a kill unwinding its code, or its code failing: the next one still gets stopped
            }
        }
        for (Thread thread : alive()) {
            if (thread != self) {
                try {
                    thread.interrupt();
                } catch (Throwable ignored) { // as above
                }
            }
        }
    }

    void clear() {
        synchronized (lock) {
            threads.clear();
            executors.clear();
        }
    }
}
