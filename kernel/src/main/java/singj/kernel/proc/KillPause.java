package singj.kernel.proc;

import java.util.ArrayList;
import java.util.List;
import singj.kernel.host.HostThreads;

/**
 * A killed SIP's running threads, suspended while the kill deoptimises its code. Changing the
 * target of the SIP's life call site ({@code SipGlue.kill}) deoptimises in a handshake with every
 * thread of the JVM; a SIP with fifty threads spinning on two CPUs kept the killing thread (and
 * the JVM's thread that runs the handshake) waiting for a CPU for hundreds of milliseconds. Held
 * still, they take none; resumed, each runs only to its next kill check and unwinds.
 *
 * <p>{@link #suspend} and {@link #resume} are run by the SIP's copy of {@code SipGlue} with its
 * lock held, around the one step that deoptimises, so that no suspended thread can hold a lock
 * the killing thread takes in between: it takes none, links nothing and allocates nothing there
 * (docs/kill.md, "Holding the threads still").
 */
final class KillPause {
    private final HostThreads host;
    private final Thread[] threads;
    /** Per thread, 0 once {@link #suspend} has suspended it, else its JVMTI error. */
    private final int[] results;

    private KillPause(HostThreads host, Thread[] threads) {
        this.host = host;
        this.threads = threads;
        this.results = new int[threads.length];
    }

    /**
     * The threads of {@code alive} that run or wait for a CPU now, but the calling one (a SIP
     * that ends itself); none where the JVMTI library is missing. A thread that waits takes no
     * CPU, and its interrupt is what ends it.
     */
    static KillPause of(HostThreads host, List<Thread> alive) {
        var running = new ArrayList<Thread>();
        if (host.available()) {
            Thread self = Thread.currentThread();
            for (Thread thread : alive) {
                if (thread != self && (host.state(thread) & HostThreads.RUNNABLE) != 0) {
                    running.add(thread);
                }
            }
        }
        return new KillPause(host, running.toArray(Thread[]::new));
    }

    /** Suspends the threads, in one JVMTI call. */
    void suspend() {
        if (threads.length > 0) {
            host.suspendAll(threads, results);
        }
    }

    /** Resumes the threads {@link #suspend} suspended, and only those. */
    void resume() {
        if (threads.length > 0) {
            host.resumeAll(threads, results);
        }
    }
}
