package singj.kernel.sched;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The carrier threads SIP virtual threads run on, with hand-off: a thread made runnable by code
 * running on a carrier (a send that unparks a waiting receiver) goes into that carrier's
 * {@code next} slot, and the carrier runs it as soon as its current virtual thread parks or yields,
 * without waking any other thread (Go's "runnext"). So a send followed by a wait for the answer
 * switches straight to the receiver on the same carrier: no OS wake-up, no spinning.
 *
 * <p>A thread that yields (or was unparked while parking) goes behind the others in its carrier's
 * {@code local} queue and wakes nobody, so two threads that yield to each other take turns on one
 * carrier, as two threads pinned to one CPU do: in a shared queue an idle carrier took one of them,
 * and from then on each turn needed both carriers on a CPU at once (3.7 µs a turn on a loaded
 * machine against ~0.3 µs). Everything else goes to one shared queue and wakes an idle carrier: a
 * thread made runnable from outside the pool (a platform thread, the JDK's timer for a timed park)
 * and the task a new hand-off displaces from {@code next}. A carrier runs its {@code next}, then its
 * {@code local} queue, then the shared one (the shared one first every {@value #SHARED_FIRST_EVERY}
 * picks, so that its own threads never starve it, and {@code next} gives way to them once after as many
 * hand-offs in a row, so that two threads that wake each other cannot keep a third that yielded
 * waiting). A carrier whose virtual thread keeps it past
 * one {@link #TICK_NANOS tick} of the pool's monitor loses its {@code next} and its {@code local}
 * queue to the shared queue, so a sender that goes on computing does not trap its receiver; and
 * if no carrier has taken anything from the shared queue for a whole tick while it holds tasks,
 * the monitor wakes an idle carrier for them.
 *
 * <p>The JDK calls {@link #execute} with a virtual thread's continuation whenever the thread
 * becomes runnable. When computing SIPs keep all its carriers, this pool adds none by itself:
 * {@code CarrierWatch} notices that through a probe thread on the pool and sets
 * {@link #setParallelism}, as it does for the JDK's scheduler. A virtual thread in a call that
 * blocks in the OS (a native write to a full pipe, a file read) keeps its carrier too; the JDK's
 * own pool adds a carrier at once for its file I/O ({@code jdk.internal.misc.Blocker}, which only
 * knows the JDK's carrier threads). Here the kernel marks such calls ({@link #beginBlocking}), and
 * the monitor adds a spare carrier for a carrier that has been in one marked call for a whole
 * tick; the spare retires once the call is over and it is idle. (Marked calls a thread makes one
 * after another, each short, are not one call: a spare added whenever a tick found a SIP inside one
 * of its writes to standard output started a thousand threads a second.)
 */
final class CarrierPool implements Executor, CarrierCounts {
    /** How often the monitor looks for a carrier kept by one virtual thread while another waits in its {@code next}. */
    static final long TICK_NANOS = 1_000_000;
    /** Ticks a carrier's thread keeps it before the threads that yielded to it go to the shared queue: one time slice of {@code CarrierWatch}. */
    private static final int LOCAL_PATIENCE_TICKS = 20;
    /** A carrier looks at the shared queue before its own threads once in this many picks (Go's scheduler: 61). */
    private static final int SHARED_FIRST_EVERY = 61;
    /** How long an idle carrier polls the shared queue before it parks (waking it costs ~30 µs). */
    private static final long IDLE_SPIN_NANOS = 5_000;
    private static final MethodHandle CURRENT_CARRIER;
    private static final int NOT_BLOCKING = 0;
    private static final int BLOCKING = 1;
    private static final int COMPENSATED = 2;

    static {
        MethodHandle current;
        try {
            current = MethodHandles.privateLookupIn(Thread.class, MethodHandles.lookup())
                    .findStatic(Thread.class, "currentCarrierThread", MethodType.methodType(Thread.class));
        } catch (ReflectiveOperationException | RuntimeException notOpen) {
            current = null; // java.lang not opened to us: SipThreadScheduler does not make a pool
        }
        CURRENT_CARRIER = current;
    }

    private final String name;
    private final ConcurrentLinkedQueue<Runnable> shared = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Carrier> idle = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idleCount = new AtomicInteger();
    private final CopyOnWriteArrayList<Carrier> carriers = new CopyOnWriteArrayList<>();
    private final AtomicInteger carrierNumbers = new AtomicInteger();
    private volatile int target;
    private final Thread monitor;
    private volatile boolean monitorAsleep;
    /** The carriers' {@code sharedTakes} summed at the monitor's last tick (the monitor's only). */
    private long sharedTakesSeen;
    /** Carriers added for carriers blocked in the OS (see {@link #beginBlocking}), above {@link #target}. */
    private final AtomicInteger spares = new AtomicInteger();
    /** Spares started so far (for tests). */
    private final AtomicLong sparesStarted = new AtomicLong();
    /** Closed by its host runtime: carriers retire once there is nothing to run, and are not replaced but for a straggler. */
    private volatile boolean closed;

    /** Whether this JVM lets the pool find the carrier under a virtual thread (java.lang opened to the kernel). */
    static boolean available() {
        return CURRENT_CARRIER != null;
    }

    CarrierPool(String name, int parallelism) {
        this.name = name;
        monitor = Thread.ofPlatform().daemon().name(name + "-monitor").inheritInheritableThreadLocals(false)
                .unstarted(this::monitorForever);
        setParallelism(parallelism);
        monitor.start();
    }

    // ---- the executor the JDK calls ----------------------------------------------------------

    @Override
    public void execute(Runnable task) {
        Carrier here = currentCarrier();
        if (here == null) {
            submit(task); // from outside the pool
        } else if (here.running != task) {
            Runnable displaced = here.next.getAndSet(task);
            if (displaced != null) {
                submit(displaced);
            }
        } else {
            // the carrier's own thread yielding: behind this carrier's others, which wakes nobody;
            // so two threads that yield to each other take turns on one carrier
            here.local.add(task);
        }
    }

    /**
     * Whether a thread waiting for another should spin: not on a carrier of any pool that holds a
     * thread in its {@code next}, which runs only once the caller parks (spinning would only delay it).
     */
    static boolean worthSpinningHere() {
        Carrier here = carrierHere();
        return here == null || here.next.get() == null;
    }

    /**
     * Marks the calling thread's carrier, if it is one of a pool's, as in a call that may block in
     * the OS; returns what {@link #endBlocking} takes. Cheap: two volatile writes.
     */
    static Object beginBlocking() {
        Carrier here = carrierHere();
        if (here != null) {
            here.blockingCalls++; // only this carrier writes it
            here.blocking.set(BLOCKING);
        }
        return here;
    }

    /** Ends what {@link #beginBlocking} marked; a spare added meanwhile retires once idle. */
    static void endBlocking(Object marked) {
        if (marked instanceof Carrier carrier && carrier.blocking.getAndSet(NOT_BLOCKING) == COMPENSATED) {
            carrier.pool.spares.decrementAndGet();
            for (Carrier sleeper : carrier.pool.idle) {
                LockSupport.unpark(sleeper); // the spare, if idle, retires
            }
        }
    }

    /** The carrier of any pool the calling virtual thread runs on, or null. */
    private static Carrier carrierHere() {
        if (CURRENT_CARRIER == null) {
            return null;
        }
        try {
            return (Thread) CURRENT_CARRIER.invokeExact() instanceof Carrier carrier ? carrier : null;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    private Carrier currentCarrier() {
        Carrier here = carrierHere();
        return here != null && here.pool == this ? here : null;
    }

    private void submit(Runnable task) {
        shared.add(task);
        wakeOne();
        if (closed) {
            keepOneCarrier();
        }
    }

    /** A thread woken after {@link #close} runs on a carrier started for it, which retires once idle again. */
    private synchronized void keepOneCarrier() {
        if (carriers.isEmpty()) {
            startCarrier();
        }
    }

    private void startCarrier() {
        Carrier carrier = new Carrier(this, name + "-" + carrierNumbers.incrementAndGet());
        carriers.add(carrier);
        carrier.start();
    }

    private void wakeOne() {
        Carrier sleeper = idle.poll();
        if (sleeper != null) {
            LockSupport.unpark(sleeper);
        }
    }

    // ---- numbers and size, for CarrierWatch ------------------------------------------------

    @Override
    public int parallelism() {
        return target;
    }

    @Override
    public synchronized void setParallelism(int carriers) {
        if (carriers < 1) {
            throw new IllegalArgumentException("a carrier pool needs at least one carrier, not " + carriers);
        }
        if (closed) {
            return; // a carrier watch winding down after its host runtime closed the pool
        }
        target = carriers;
        while (this.carriers.size() < carriers) {
            startCarrier();
        }
        for (Carrier sleeper : idle) {
            LockSupport.unpark(sleeper); // those beyond the target retire
        }
    }

    /**
     * Retires every carrier once there is nothing left to run, and the monitor. A virtual thread
     * still parked on the pool (a SIP of a kernel that did not shut down) runs when woken, on a
     * carrier started for it.
     */
    synchronized void close() {
        closed = true;
        target = 0;
        for (Carrier sleeper : idle) {
            LockSupport.unpark(sleeper);
        }
        LockSupport.unpark(monitor);
    }

    @Override
    public int busy() {
        return Math.max(0, carriers.size() - idleCount.get());
    }

    /** Tasks waiting in the shared queue (a snapshot, for tests and reports). */
    int queued() {
        return shared.size();
    }

    /** Continuations run so far, and how many of them a carrier took from its {@code next} (racy snapshots, for tests). */
    long runs() {
        return carriers.stream().mapToLong(carrier -> carrier.runs).sum();
    }

    long handOffs() {
        return carriers.stream().mapToLong(carrier -> carrier.handOffs).sum();
    }

    /** Carriers started and not retired. */
    int carriers() {
        return carriers.size();
    }

    private synchronized boolean retireIfSpare(Carrier carrier) {
        // a closed pool's last carriers stay while tasks are queued: a submit checks for carriers under this lock
        return carriers.size() > target + (closed ? 0 : spares.get()) && (!closed || shared.isEmpty())
                && carriers.remove(carrier);
    }

    /** A carrier more while {@code spares} carriers are blocked in the OS. */
    private synchronized void addSpare() {
        if (!closed && carriers.size() < target + spares.get()) {
            sparesStarted.incrementAndGet();
            startCarrier();
        }
    }

    long sparesStarted() {
        return sparesStarted.get();
    }

    // ---- the carriers --------------------------------------------------------------------------

    private static final class Carrier extends Thread {
        final CarrierPool pool;
        /** The thread to run when the current one parks or yields: the hand-off. */
        final AtomicReference<Runnable> next = new AtomicReference<>();
        /** The continuation running now, or null; only this carrier writes it. */
        volatile Runnable running;
        /** Continuations run so far; only this carrier writes it, the monitor compares it across ticks. */
        volatile long runs;
        /** {@link #runs} at the monitor's last tick, and ticks in a row it stood still while a thread ran (the monitor's only). */
        long runsSeen;
        int keptTicks;
        /** Continuations run from {@link #next}: hand-offs (a plain count, read racily for reports). */
        long handOffs;
        /** {@link #NOT_BLOCKING}, {@link #BLOCKING} (its thread is in a call that may block in the OS), or {@link #COMPENSATED} (a spare was added for it). */
        final AtomicInteger blocking = new AtomicInteger();
        /** Marked calls begun so far; only this carrier writes it. */
        volatile long blockingCalls;
        /** {@link #blockingCalls} at the monitor's last tick if the carrier was in a marked call then, else -1 (the monitor's only). */
        long blockingCallSeen = -1;
        /** Tasks taken from the shared queue; only this carrier writes it, the monitor sums it across ticks. */
        volatile long sharedTakes;
        /** This carrier's threads that yielded: only it adds to the queue; the monitor empties it into the shared one. */
        final ConcurrentLinkedQueue<Runnable> local = new ConcurrentLinkedQueue<>();
        /** Picks of a task not handed off (this carrier's only). */
        private int picks;
        /** Picks from {@link #next} since this carrier last ran anything else (this carrier's only). */
        private int handOffsInARow;

        Carrier(CarrierPool pool, String name) {
            super(null, null, name, 0, false); // no inherited thread-locals from whoever grew the pool
            this.pool = pool;
            setDaemon(true);
            setContextClassLoader(ClassLoader.getPlatformClassLoader());
        }

        @Override
        public void run() {
            while (true) {
                Runnable task = pick();
                if (task == null) {
                    return; // retired
                }
                running = task;
                runs = runs + 1;
                try {
                    task.run();
                } catch (Throwable unexpected) {
                    // a virtual thread's continuation handles its own exceptions; whatever gets
                    // here must not cost the pool a carrier
                } finally {
                    running = null;
                }
                // cleared before the next pick, which may wait for work for good: a frame's local
                // is a root, and the last task keeps its virtual thread and the SIP's class loader
                task = null;
            }
        }

        /** The next task to run: its hand-off, its own yielded threads, the shared queue; null once it retires. */
        private Runnable pick() {
            // Two threads that wake each other keep the hand-off slot full (each pick runs one and
            // the other lands there before this carrier looks again), and the monitor sees the
            // carrier move: a thread in the local queue would wait for ever. So hand-offs in a row
            // get SHARED_FIRST_EVERY picks, as Go's runnext inherits its waker's time slice; then
            // the others go first once.
            if (next.get() != null && ++handOffsInARow < SHARED_FIRST_EVERY) {
                Runnable handedOff = next.getAndSet(null);
                if (handedOff != null) { // unless the monitor took it meanwhile
                    handOffs++;
                    return handedOff;
                }
            }
            handOffsInARow = 0;
            Runnable task;
            if ((++picks % SHARED_FIRST_EVERY != 0 || pool.shared.isEmpty()) && (task = local.poll()) != null) {
                return task; // one of this carrier's own threads, behind the hand-off
            }
            task = pool.shared.poll();
            if (task == null) {
                task = local.poll(); // the shared queue was looked at first this time, and is empty
            }
            if (task == null && (task = next.getAndSet(null)) != null) {
                handOffs++; // a hand-off passed over for the others, who were not there
                return task;
            }
            if (task == null) {
                task = pool.awaitTask(this);
            }
            if (task != null) {
                sharedTakes = sharedTakes + 1;
            }
            return task;
        }
    }

    /** An idle carrier's wait for work: a short poll, then parked in the idle list. Null: retire. */
    private Runnable awaitTask(Carrier carrier) {
        long spinUntil = System.nanoTime() + IDLE_SPIN_NANOS;
        do {
            Runnable task = shared.poll();
            if (task != null) {
                return task;
            }
            Thread.onSpinWait();
        } while (System.nanoTime() < spinUntil);
        idleCount.incrementAndGet();
        try {
            while (true) {
                if (retireIfSpare(carrier)) {
                    return null;
                }
                // listed before the check, so a submit after the check finds this carrier to wake
                idle.add(carrier);
                Runnable task = shared.poll();
                if (task != null) {
                    idle.remove(carrier);
                    if (!shared.isEmpty()) {
                        wakeOne(); // a submit may have woken this carrier for a task it did not take
                    }
                    return task;
                }
                LockSupport.park(this);
                idle.remove(carrier); // gone already if a submit woke it
            }
        } finally {
            idleCount.decrementAndGet();
            if (monitorAsleep) {
                LockSupport.unpark(monitor);
            }
        }
    }

    // ---- the monitor ---------------------------------------------------------------------------

    private void monitorForever() {
        while (!closed) {
            if (busy() == 0 && shared.isEmpty()) {
                monitorAsleep = true;
                if (busy() == 0 && shared.isEmpty() && !closed) {
                    LockSupport.park(this); // a carrier leaving the idle list wakes it
                }
                monitorAsleep = false;
                continue;
            }
            LockSupport.parkNanos(this, TICK_NANOS);
            tick();
        }
    }

    private void tick() {
        for (Carrier carrier : carriers) {
            long runs = carrier.runs;
            carrier.keptTicks = runs == carrier.runsSeen && carrier.running != null ? carrier.keptTicks + 1 : 0;
            long calls = carrier.blockingCalls;
            boolean sameCallAsLastTick = calls == carrier.blockingCallSeen;
            carrier.blockingCallSeen = carrier.blocking.get() != NOT_BLOCKING ? calls : -1;
            boolean blocked = sameCallAsLastTick && carrier.keptTicks > 0 && carrier.blocking.compareAndSet(BLOCKING, COMPENSATED);
            if (blocked) {
                // its thread is blocked in the OS, not computing: the others get a carrier more at once
                spares.incrementAndGet();
                addSpare();
            }
            if (carrier.keptTicks > 0) {
                // the current thread has kept the carrier a whole tick: the thread it woke goes to the others
                Runnable waiting = carrier.next.getAndSet(null);
                if (waiting != null) {
                    submit(waiting);
                }
            }
            if (carrier.keptTicks >= LOCAL_PATIENCE_TICKS || blocked) {
                // its yielded threads too, but only after longer: a carrier the OS left off a CPU for
                // a tick (a loaded machine) looks the same, and moving one thread of a pair that
                // yields to each other would spread the pair over two carriers for good
                for (Runnable yielded = carrier.local.poll(); yielded != null; yielded = carrier.local.poll()) {
                    submit(yielded);
                }
            }
            carrier.runsSeen = runs;
        }
        long takes = 0;
        for (Carrier carrier : carriers) {
            takes += carrier.sharedTakes;
        }
        if (!shared.isEmpty() && takes == sharedTakesSeen && idleCount.get() > 0) {
            // nobody took from the queue for a whole tick (its tasks were queued by yields, which
            // wake nobody, or a wake-up went to a carrier that took another task): an idle carrier takes them
            wakeOne();
        }
        sharedTakesSeen = takes;
    }
}
