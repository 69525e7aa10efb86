package singj.kernel.sched;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.management.ManagementFactory;
import java.util.concurrent.Executor;
import jdk.management.VirtualThreadSchedulerMXBean;

/**
 * Where SIP threads are made: virtual threads on SingJ's own {@link CarrierPool}, which hands a
 * carrier straight to the thread a send wakes. JDK 25 has no public API for a virtual thread on a
 * scheduler of one's own: {@code java.lang.ThreadBuilders.VirtualThreadBuilder(Executor)} is
 * package-private, reached here with {@code --add-opens java.base/java.lang=ALL-UNNAMED} (the
 * {@code singj} launcher, the tests and the benchmarks pass it). Without the flag (an embedding
 * host that did not pass it), or with {@code -Dsingj.scheduler=jdk}, SIP threads are the JDK's
 * ordinary virtual threads, with a one-line warning for the first: correct, but a message to a
 * waiting thread then costs an OS wake-up of a carrier whenever the receiver's spin loses.
 *
 * <p>A virtual thread started by a virtual thread of the pool is on the pool too (the JDK gives a
 * new virtual thread its parent's scheduler), so a SIP's {@code Thread.ofVirtual()} stays on it.
 * One pool per JVM, like the JDK's own scheduler: carriers are the host's CPUs, shared by every
 * kernel in the JVM, as {@code CarrierWatch} is.
 */
public final class SipThreadScheduler {
    /** {@code -Dsingj.scheduler=jdk}: SIP threads on the JDK's scheduler (to measure against). */
    public static final String PROPERTY = "singj.scheduler";

    private SipThreadScheduler() {}

    /** {@code VirtualThreadBuilder(Executor)}, or null with {@code PROBLEM} saying why. */
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

    /** The pool SIP threads run on, made when the first SIP thread is; null: the JDK's scheduler. */
    private static final class Chosen {
        static final CarrierPool POOL;

        static {
            boolean jdkAskedFor = "jdk".equals(System.getProperty(PROPERTY));
            if (!jdkAskedFor && Builder.PROBLEM != null) {
                System.err.println("singj: SIP threads run on the JDK's virtual-thread scheduler, without hand-off: " + Builder.PROBLEM);
            }
            POOL = jdkAskedFor || Builder.PROBLEM != null ? null
                    : new CarrierPool("singj-carrier", Runtime.getRuntime().availableProcessors());
        }
    }

    /** A builder of SIP threads: virtual threads on the pool, or the JDK's when it is not available. */
    public static Thread.Builder.OfVirtual threads() {
        return Chosen.POOL == null ? Thread.ofVirtual() : threadsOn(Chosen.POOL);
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

    /** What SIP threads run on: {@code singj-carriers} or {@code jdk-virtual}, for reports. */
    public static String mechanism() {
        return Chosen.POOL != null ? "singj-carriers" : "jdk-virtual";
    }

    /**
     * Whether a thread waiting for a message should spin before it parks: not when its carrier
     * holds a thread handed off to it, which runs only once the waiter parks.
     */
    public static boolean worthSpinning() {
        return Chosen.POOL == null || Chosen.POOL.worthSpinning();
    }

    /** The numbers of the scheduler SIP threads run on, for {@code CarrierWatch}. */
    public static CarrierCounts carriers() {
        return Chosen.POOL != null ? Chosen.POOL : JdkCarriers.INSTANCE;
    }

    /** The JDK's scheduler, through its management interface. */
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
