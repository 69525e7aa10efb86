package singj.kernel;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import singj.kernel.sched.CarrierCounts;
import singj.kernel.sched.SipThreadScheduler;

/**
 * Keeps computing SIPs from starving the others of carrier threads. A SIP's threads are virtual
 * threads, which the JVM never preempts: one runs on its carrier until it blocks, and the JDK
 * starts with one carrier per core. This watch notices when every carrier is taken, because a
 * virtual thread of its own (the probe) waits longer than {@link #TIME_SLICE_NANOS} to run, and
 * then adds a carrier, so that the OS time-slices the computing SIPs like any threads; sealed code
 * needs no time slice of its own in its loops.
 *
 * <p>A burst of short tasks takes every carrier too, and more carriers only make it slower:
 * 10,000 SIPs started in 4.4-6.0 s on 2 carriers and in 8.6-9.0 s when the watch added carriers
 * for a probe that waited behind starting SIPs. So the watch adds a carrier only once the probe
 * has waited {@link #SLICES_BEFORE_GROWING} slices in a row and no SIP has started for
 * {@link #PATIENT_SLICES} slices: then the carriers are being kept. (The length of the queue does
 * not tell a burst: the computing SIPs that have no carrier wait in it too.) Carriers come back
 * one at a time once some stand idle, and all of them once no SIP runs.
 *
 * <p>At {@link #MAX_CARRIERS}, or during a burst once the probe has waited {@link #PATIENT_SLICES}
 * slices, the watch asks every SIP with a runnable virtual thread to yield
 * ({@code SipGlue.preempt}): each thread's next kill check parks it for a moment, behind the
 * threads that waited. A preemption deoptimises the SIP's compiled code (the kill checks fold to
 * nothing only while the SIP's life call site keeps its target), so it is the fallback, not the
 * common path.
 *
 * <p>One watch serves every kernel of the JVM, as the carriers do; it sleeps while no SIP runs
 * sealed code. It sizes whichever scheduler SIP threads run on ({@link SipThreadScheduler}: SingJ's
 * carrier pool, or the JDK's through its management interface), and its probe runs there too.
 */
final class CarrierWatch {
    /** How long a virtual thread may wait for a carrier before the watch acts. */
    static final long TIME_SLICE_NANOS = 20_000_000;
    /** Time slices in a row the probe waits before the watch adds a carrier. */
    static final int SLICES_BEFORE_GROWING = 2;
    /** Time slices in a row the probe waits during a burst before the watch preempts; and how long a burst lasts after a start. */
    static final int PATIENT_SLICES = 5;
    /** Time slices with carriers to spare before the watch gives one back. */
    private static final int SLICES_BEFORE_SHRINKING = 50;

    private static final CarrierCounts SCHEDULER = SipThreadScheduler.carriers();
    /** The carriers the JVM started with (one per core, unless its command line chose). */
    private static final int BASE_CARRIERS = SCHEDULER.parallelism();
    /**
     * The most carriers the watch adds up to, before it preempts instead: {@code max(32, 4 x cores)},
     * or {@code -Dsingj.maxCarriers=N} (the JDK's count or less: never add any).
     */
    static final int MAX_CARRIERS = Math.max(BASE_CARRIERS, Integer.getInteger("singj.maxCarriers",
            Math.max(32, 4 * Runtime.getRuntime().availableProcessors())));

    private static final Set<Sip> RUNNING = ConcurrentHashMap.newKeySet();
    private static final Object WAKE = new Object();
    private static final AtomicLong PREEMPTIONS = new AtomicLong();
    private static volatile long probeRanAt;
    private static volatile long lastStart = System.nanoTime();
    private static boolean started; // guarded by WAKE
    /** Slices in a row the probe waited, and in a row with carriers to spare (the watch's thread only). */
    private static int waitedSlices;
    private static int spareSlices;

    private CarrierWatch() {}

    /** Watches {@code sip} from the start of its sealed code until it is released. */
    static void watch(Sip sip) {
        lastStart = System.nanoTime();
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
        Thread probe = SipThreadScheduler.threads().name("singj-carrier-probe").start(CarrierWatch::probeForever);
        try {
            while (true) {
                try {
                    watchOneSlice(probe);
                } catch (OutOfMemoryError heapFull) {
                    // a SIP filled the heap; the heap guard or its own allocation kills it, and this
                    // thread, which must outlive every SIP, watches the next slice
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void watchOneSlice(Thread probe) throws InterruptedException {
        if (RUNNING.isEmpty()) {
            SCHEDULER.setParallelism(BASE_CARRIERS);
            awaitRunningSips();
        }
        long asked = System.nanoTime();
        LockSupport.unpark(probe);
        Thread.sleep(TIME_SLICE_NANOS / 1_000_000);
        int carriers = SCHEDULER.parallelism();
        boolean probeWaited = probeRanAt - asked < 0;
        waitedSlices = probeWaited ? waitedSlices + 1 : 0;
        spareSlices = !probeWaited && SCHEDULER.busy() < carriers - 1 ? spareSlices + 1 : 0;
        boolean burst = System.nanoTime() - lastStart < PATIENT_SLICES * TIME_SLICE_NANOS;
        if (!burst && waitedSlices >= SLICES_BEFORE_GROWING && carriers < MAX_CARRIERS) {
            waitedSlices = 0;
            SCHEDULER.setParallelism(carriers + 1);
        } else if (waitedSlices >= (burst ? PATIENT_SLICES : SLICES_BEFORE_GROWING)) {
            waitedSlices = 0;
            preemptRunning();
        } else if (spareSlices >= SLICES_BEFORE_SHRINKING && carriers > BASE_CARRIERS) {
            spareSlices = 0;
            SCHEDULER.setParallelism(carriers - 1);
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
