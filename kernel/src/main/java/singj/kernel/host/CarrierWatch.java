package singj.kernel.host;

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
 * <p>At {@link #maxCarriers}, or during a burst once the probe has waited {@link #PATIENT_SLICES}
 * slices, the watch asks every SIP with a runnable virtual thread to yield
 * ({@code SipGlue.preempt}): each thread's next kill check parks it for a moment, behind the
 * threads that waited. A preemption deoptimises the SIP's compiled code (the kill checks fold to
 * nothing only while the SIP's life call site keeps its target), so it is the fallback, not the
 * common path.
 *
 * <p>One watch serves every kernel of a host runtime, as its carriers do (it is the
 * {@link HostRuntime}'s); it sleeps while no SIP runs sealed code. It sizes whichever scheduler the
 * host runtime's SIP threads run on ({@link SipThreadScheduler}: SingJ's carrier pool, or the
 * JDK's through its management interface), and its probe runs there too.
 */
public final class CarrierWatch {
    /** How long a virtual thread may wait for a carrier before the watch acts. */
    static final long TIME_SLICE_NANOS = 20_000_000;
    /** Time slices in a row the probe waits before the watch adds a carrier. */
    static final int SLICES_BEFORE_GROWING = 2;
    /** Time slices in a row the probe waits during a burst before the watch preempts; and how long a burst lasts after a start. */
    static final int PATIENT_SLICES = 5;
    /** Time slices with carriers to spare before the watch gives one back. */
    private static final int SLICES_BEFORE_SHRINKING = 50;

    private final SipThreadScheduler sipThreads;
    private final CarrierCounts scheduler;
    /** The carriers the scheduler started with (one per core, unless the JVM's command line chose). */
    private final int baseCarriers;
    /**
     * The most carriers the watch adds up to, before it preempts instead: {@code max(32, 4 x cores)},
     * or {@code -Dsingj.maxCarriers=N} (the scheduler's first count or less: never add any).
     */
    private final int maxCarriers;

    /** A SIP as the watch sees it. */
    @FunctionalInterface
    public interface Preemptible {
        /**
         * Asks the SIP's threads to yield their carriers at their next kill check if one of its
         * virtual threads is running or waiting to run; says whether it asked.
         */
        boolean preemptIfRunnable();
    }

    private final Set<Preemptible> running = ConcurrentHashMap.newKeySet();
    private final Object wake = new Object();
    private final AtomicLong preemptions = new AtomicLong();
    private volatile long probeRanAt;
    private volatile long lastStart = System.nanoTime();
    private boolean started; // guarded by wake
    private volatile boolean closed;
    private Thread watcher; // guarded by wake
    /** Slices in a row the probe waited, and in a row with carriers to spare (the watch's thread only). */
    private int waitedSlices;
    private int spareSlices;

    CarrierWatch(SipThreadScheduler sipThreads) {
        this.sipThreads = sipThreads;
        this.scheduler = sipThreads.carriers();
        this.baseCarriers = scheduler.parallelism();
        this.maxCarriers = Math.max(baseCarriers, Integer.getInteger("singj.maxCarriers",
                Math.max(32, 4 * Runtime.getRuntime().availableProcessors())));
    }

    /** The most carriers the watch gives SIP threads before it preempts computing SIPs instead. */
    public int maxCarriers() {
        return maxCarriers;
    }

    /** Watches {@code sip} from the start of its sealed code until it is released. */
    public void watch(Preemptible sip) {
        lastStart = System.nanoTime();
        running.add(sip);
        synchronized (wake) {
            if (!started && !closed) {
                started = true;
                watcher = Thread.ofPlatform().daemon().name("singj-carrier-watch").start(this::watchForever);
            }
            wake.notifyAll();
        }
    }

    public void forget(Preemptible sip) {
        running.remove(sip);
    }

    /** How many SIPs it watches (each from the start of its sealed code until its release). */
    public int watched() {
        return running.size();
    }

    /** How many times SIPs were asked to yield their carriers. */
    public long preemptions() {
        return preemptions.get();
    }

    /** Ends the watch's thread; the carriers go back to the scheduler's first count. */
    void close() {
        synchronized (wake) {
            closed = true;
            if (watcher != null) {
                watcher.interrupt();
            }
        }
    }

    private void watchForever() {
        Thread probe = sipThreads.threads().name("singj-carrier-probe").start(this::probeForever);
        try {
            while (true) {
                try {
                    watchOneSlice(probe);
                } catch (OutOfMemoryError heapFull) {
                    // a SIP filled the heap; the heap guard or its own allocation kills it, and this
                    // thread, which must outlive every SIP, watches the next slice
                }
            }
        } catch (InterruptedException closing) {
            probe.interrupt();
            scheduler.setParallelism(baseCarriers);
        }
    }

    private void watchOneSlice(Thread probe) throws InterruptedException {
        if (running.isEmpty()) {
            scheduler.setParallelism(baseCarriers);
            awaitRunningSips();
        }
        long asked = System.nanoTime();
        LockSupport.unpark(probe);
        Thread.sleep(TIME_SLICE_NANOS / 1_000_000);
        int carriers = scheduler.parallelism();
        boolean probeWaited = probeRanAt - asked < 0;
        waitedSlices = probeWaited ? waitedSlices + 1 : 0;
        spareSlices = !probeWaited && scheduler.busy() < carriers - 1 ? spareSlices + 1 : 0;
        boolean burst = System.nanoTime() - lastStart < PATIENT_SLICES * TIME_SLICE_NANOS;
        if (!burst && waitedSlices >= SLICES_BEFORE_GROWING && carriers < maxCarriers) {
            waitedSlices = 0;
            scheduler.setParallelism(carriers + 1);
        } else if (waitedSlices >= (burst ? PATIENT_SLICES : SLICES_BEFORE_GROWING)) {
            waitedSlices = 0;
            preemptRunning();
        } else if (spareSlices >= SLICES_BEFORE_SHRINKING && carriers > baseCarriers) {
            spareSlices = 0;
            scheduler.setParallelism(carriers - 1);
        }
    }

    /** Runs whenever the watch unparks it, as soon as it gets a carrier; says when. */
    private void probeForever() {
        while (!Thread.currentThread().isInterrupted()) {
            LockSupport.park();
            probeRanAt = System.nanoTime();
        }
    }

    private void awaitRunningSips() throws InterruptedException {
        synchronized (wake) {
            while (running.isEmpty()) {
                wake.wait();
            }
        }
    }

    private void preemptRunning() {
        for (Preemptible sip : running) {
            if (sip.preemptIfRunnable()) {
                preemptions.incrementAndGet();
            }
        }
    }
}
