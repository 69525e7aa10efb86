package singj.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;

/**
 * Every thread and executor a SIP created. Sealed code hands each new thread to the kernel at
 * construction ({@code SipGlue.adopt}), so kill can find them all, whoever starts them.
 */
final class SipThreads {
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private final Set<ExecutorService> executors = ConcurrentHashMap.newKeySet();

    void add(Thread thread) {
        threads.add(thread);
    }

    void add(ExecutorService executor) {
        executors.add(executor);
    }

    boolean contains(Thread thread) {
        return threads.contains(thread);
    }

    /** Threads started and not yet ended. */
    List<Thread> alive() {
        var alive = new ArrayList<Thread>();
        for (Thread thread : threads) {
            if (thread.isAlive()) {
                alive.add(thread);
            } else if (thread.getState() == Thread.State.TERMINATED) {
                threads.remove(thread);
            }
        }
        return alive;
    }

    int countAlive() {
        return alive().size();
    }

    /** Waits until every live non-daemon thread other than the caller has ended. */
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

    /** Wakes every thread from whatever it blocks in; returns those still alive. */
    List<Thread> interruptAll() {
        for (ExecutorService executor : executors) {
            executor.shutdownNow();
        }
        List<Thread> alive = alive();
        Thread self = Thread.currentThread();
        for (Thread thread : alive) {
            if (thread != self) {
                thread.interrupt();
            }
        }
        return alive;
    }

    void clear() {
        threads.clear();
        executors.clear();
    }
}
