package singj.kernel.sched;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executor;
import jdk.management.VirtualThreadSchedulerMXBean;

/**
 * Where one host runtime's SIP threads are made: virtual threads on SingJ's own {@link CarrierPool},
 * which hands a carrier straight to the thread a send wakes. The host runtime owns it (one per JVM
 * by default, as the JVM has one set of CPUs); a kernel gets its SIP threads from its host runtime,
 * so no kernel class holds a scheduler statically.
 *
 * <p>JDK 25 has no public API for a virtual thread on a scheduler of one's own:
 * {@code java.lang.ThreadBuilders.VirtualThreadBuilder(Executor)} is package-private, reached here
 * with {@code --add-opens java.base/java.lang=ALL-UNNAMED} (the {@code singj} launcher, the tests
 * and the benchmarks pass it). Without the flag (an embedding host that did not pass it), or with
 * {@code -Dsingj.scheduler=jdk}, SIP threads are the JDK's ordinary virtual threads, with a
 * one-line warning: correct, but a message to a waiting thread then costs an OS wake-up of a
 * carrier whenever the receiver's spin loses.
 *
 * <p>A virtual thread started by a virtual thread of the pool is on the pool too (the JDK gives a
 * new virtual thread its parent's scheduler), so a SIP's {@code Thread.ofVirtual()} stays on it.
 */
public final class SipThreadScheduler implements AutoCloseable {
    /** {@code -Dsingj.scheduler=jdk}: SIP threads on the JDK's scheduler (to measure against). */
    public static final String PROPERTY = "singj.scheduler";
    /** {@link #mechanism()} of SingJ's carrier pool. */
    public static final String CARRIER_POOL = "singj-carriers";
    /** {@link #mechanism()} of the JDK's virtual-thread scheduler. */
    public static final String JDK_VIRTUAL = "jdk-virtual";

    /** Null: SIP threads are the JDK's virtual threads. */
    private final CarrierPool pool;

    private SipThreadScheduler(CarrierPool pool) {
        this.pool = pool;
    }

    /**
     * SingJ's carrier pool, with one carrier per CPU and its threads named {@code name-1, ...}; or
     * the JDK's scheduler when {@code -Dsingj.scheduler=jdk} asks for it or this JVM does not let
     * the kernel build threads on a pool of its own (then with one line on stderr saying why).
     */
    public static SipThreadScheduler choose(String name) {
        if ("jdk".equals(System.getProperty(PROPERTY))) {
            return new SipThreadScheduler(null);
        }
        if (Builder.PROBLEM != null) {
            System.err.println("singj: SIP threads run on the JDK's virtual-thread scheduler, without hand-off: " + Builder.PROBLEM);
            return new SipThreadScheduler(null);
        }
        return new SipThreadScheduler(new CarrierPool(name, Runtime.getRuntime().availableProcessors()));
    }

    /** {@code VirtualThreadBuilder(Executor)}, or null with {@code PROBLEM} saying why: what this JVM allows, found once. */
    private static final class Builder {
        static final MethodHandle NEW;
        static final String PROBLEM;

        static {
            MethodHandle newBuilder = null;
            String problem = null;
            if (!CarrierPool.available()) {
                problem = "java.lang is not opened to the kernel (--add-opens java.base/java.lang=ALL-UNNAMED)";
            } else {
                try {
                    Class<?> builder = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
                    newBuilder = MethodHandles.privateLookupIn(builder, MethodHandles.lookup())
                            .findConstructor(builder, MethodType.methodType(void.class, Executor.class))
                            .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
                } catch (ReflectiveOperationException | RuntimeException gone) {
                    problem = "this JDK has no VirtualThreadBuilder(Executor) (" + gone + ")";
                }
            }
            NEW = newBuilder;
            PROBLEM = problem;
        }
    }

    /** A builder of SIP threads: virtual threads on the pool, or the JDK's when it is not available. */
    public Thread.Builder.OfVirtual threads() {
        return pool == null ? Thread.ofVirtual() : threadsOn(pool);
    }

    /** A builder of virtual threads on {@code pool} (for tests of a pool of their own). */
    static Thread.Builder.OfVirtual threadsOn(CarrierPool pool) {
        if (Builder.NEW == null) {
            throw new UnsupportedOperationException("no virtual threads on a pool of SingJ's here: " + Builder.PROBLEM);
        }
        try {
            return (Thread.Builder.OfVirtual) Builder.NEW.invokeExact((Executor) pool);
        } catch (Throwable impossible) {
            throw new IllegalStateException("cannot build a thread on the carrier pool", impossible);
        }
    }

    /** What SIP threads run on: {@value #CARRIER_POOL} or {@value #JDK_VIRTUAL}, for reports. */
    public String mechanism() {
        return pool != null ? CARRIER_POOL : JDK_VIRTUAL;
    }

    /**
     * Whether a thread waiting for another should spin before it parks: not when its carrier (of
     * any pool) holds a thread handed off to it, which runs only once the waiter parks. Reads only
     * the calling thread's carrier.
     */
    public static boolean worthSpinning() {
        return CarrierPool.worthSpinningHere();
    }

    /**
     * Marks the start of a call the kernel makes on a SIP thread that may block in the OS (a write
     * to a host stream, a file read): on SingJ's carrier pool, whose carriers the JDK does not
     * compensate for, a spare carrier runs the others if the call keeps its carrier a tick. Pass
     * what it returns to {@link #endBlocking}, in a {@code finally}.
     */
    public static Object beginBlocking() {
        return CarrierPool.beginBlocking();
    }

    public static void endBlocking(Object marked) {
        CarrierPool.endBlocking(marked);
    }

    /** The numbers of the scheduler SIP threads run on, for {@code CarrierWatch}. */
    public CarrierCounts carriers() {
        return pool != null ? pool : JdkCarriers.INSTANCE;
    }

    /**
     * Retires the pool's carriers once they have nothing to run (a thread still parked on it when it
     * wakes later gets a carrier of its own for as long as it runs). Nothing to do for the JDK's.
     */
    @Override
    public void close() {
        if (pool != null) {
            pool.close();
        }
    }

    /** The JDK's scheduler, through its management interface: the JVM's one, so an enum. */
    private enum JdkCarriers implements CarrierCounts {
        INSTANCE;

        private final VirtualThreadSchedulerMXBean scheduler =
                ManagementFactory.getPlatformMXBean(VirtualThreadSchedulerMXBean.class);

        @Override
        public int parallelism() {
            return scheduler.getParallelism();
        }

        @Override
        public void setParallelism(int carriers) {
            scheduler.setParallelism(carriers);
        }

        @Override
        public int busy() {
            return scheduler.getMountedVirtualThreadCount();
        }
    }
}
