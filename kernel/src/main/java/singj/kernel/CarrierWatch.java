package singj.kernel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Keeps computing SIPs from starving the others of carrier threads. A SIP's threads are virtual
 * threads, which the JVM never preempts: one runs on its carrier until it blocks. The kernel
 * first makes that rare: it asks for more carriers than there are cores
 * ({@link #configureCarriers}), so that up to that many computing SIPs are time-sliced by the OS
 * like any threads, and sealed code needs no time slice of its own in its loops. When even so
 * every carrier is taken, this watch notices, because a virtual thread of its own (the probe)
 * waits longer than {@link #TIME_SLICE_NANOS} to run, and asks every SIP with a runnable virtual
 * thread to yield ({@code SipGlue.preempt}): each thread's next kill check parks it for a
 * moment, behind the threads that waited. A preemption deoptimises the SIP's compiled code (the
 * kill checks fold to nothing only while the SIP's life call site keeps its target), so it is the
 * fallback for an overloaded JVM, not the common path.
 *
 * <p>One watch serves every kernel of the JVM, as the carriers do; it sleeps while no SIP runs sealed code.
 */
final class CarrierWatch {
    /** How long a virtual thread may wait for a carrier before the SIPs holding them are asked to yield. */
    static final long TIME_SLICE_NANOS = 20_000_000;
    /** The JDK's setting for the number of carrier threads. */
    static final String PARALLELISM = "jdk.virtualThreadScheduler.parallelism";

    private static final Set<Sip> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Object WAKE = new Object();
    private static final AtomicLong PREEMPTIONS = new AtomicLong();
    private static volatile long probeRanAt;
    private static boolean started; // guarded by WAKE

    private CarrierWatch() {}

    /**
     * Asks for {@code max(32, 4 x cores)} carriers, unless the JVM's command line chose a number.
     * It takes effect only if no virtual thread has started yet in this JVM (the kernel calls it
     * before it starts one); otherwise the JDK's default, one carrier per core, stays, and this
     * watch preempts sooner.
     */
    static void configureCarriers() {
        if (System.getProperty(PARALLELISM) == null) {
            System.setProperty(PARALLELISM, Integer.toString(Math.max(32, 4 * Runtime.getRuntime().availableProcessors())));
        }
    }

    /** Watches {@code sip} from the start of its sealed code until it is released. */
    static void watch(Sip sip) {
        RUNNING.add(sip);
        synchronized (WAKE) {
            if (!started) {
                started = true;
                Thread.ofPlatform().daemon().name("singj-carrier-watch").start(CarrierWatch::watchForever);
            }
            WAKE.notifyAll();
        }
    }

    static void forget(Sip sip) {
        RUNNING.remove(sip);
    }

    /** How many times SIPs were asked to yield their carriers, JVM-wide. */
    static long preemptions() {
        return PREEMPTIONS.get();
    }

    private static void watchForever() {
        Thread probe = Thread.ofVirtual().name("singj-carrier-probe").start(CarrierWatch::probeForever);
        try {
            while (true) {
                awaitRunningSips();
                long asked = System.nanoTime();
                LockSupport.unpark(probe);
                Thread.sleep(TIME_SLICE_NANOS / 1_000_000);
                while (probeRanAt - asked < 0) { // the probe is still waiting for a carrier
                    preemptRunning();
                    Thread.sleep(TIME_SLICE_NANOS / 1_000_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Runs whenever the watch unparks it, as soon as it gets a carrier; says when. */
    private static void probeForever() {
        while (true) {
            LockSupport.park();
            probeRanAt = System.nanoTime();
        }
    }

    private static void awaitRunningSips() throws InterruptedException {
        synchronized (WAKE) {
            while (RUNNING.isEmpty()) {
                WAKE.wait();
            }
        }
    }

    private static void preemptRunning() {
        for (Sip sip : RUNNING) {
            if (sip.preemptIfRunnable()) {
                PREEMPTIONS.incrementAndGet();
            }
        }
    }
}
