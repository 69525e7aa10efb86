package singj.kernel.host;

import java.util.ArrayList;
import java.util.List;
import singj.abi.runtime.PrivateClassLoader;

/**
 * An exact count of the heap one SIP holds: the bytes of every object reachable from the SIP's
 * roots (its threads' stacks, its thread objects, its classes' statics), by one JVMTI heap walk at
 * a safepoint (the native half, {@code census} in {@code singj_threads.c}, says what is followed).
 * No collection is needed: reachability is exact whatever garbage the heap holds.
 *
 * <p>What is shared is not followed: Class objects other than the SIP's, threads other than its
 * own, thread groups, class loaders, modules, thread containers. An object of the kernel or of
 * another SIP that the SIP reaches is counted at its own size (a channel end it holds is charged
 * to it) and not followed. Objects reachable both from this SIP and from another are charged to
 * both: SIPs share no objects but immutable JDK ones (interned strings, boxed caches, empty
 * collections), so this can overcharge only by those.
 */
final class HeapCensus {
    /**
     * JDK classes whose instances are the JVM's shared infrastructure, reachable from any SIP's
     * threads and classes: following them would count the whole JVM (a thread's container holds
     * every virtual thread of the JVM, a class loader every class it defined).
     */
    private static final Class<?>[] SHARED = shared();
    /** Classes whose instances are not all of one size, though they are no arrays: the stacks of virtual threads. */
    private static final Class<?>[] SIZED_EACH = jdkClasses("jdk.internal.vm.StackChunk");

    private HeapCensus() {}

    /** One census: what was counted, and what it cost. */
    record Count(long bytes, long barrierBytes, long objects, boolean stoppedEarly, long walkNanos, long classes,
                 long taggedObjects, long setUpNanos) {}

    /**
     * Counts what the SIP whose classes {@code loader} defined and whose threads are
     * {@code threads} holds, stopping as soon as the count passes {@code stopAbove} (then
     * {@link Count#stoppedEarly}: the SIP holds more than that, and the walk cost no more than
     * that much).
     */
    static Count take(ClassLoader loader, Thread[] threads, long stopAbove) {
        long[] out = new long[8];
        int error = HostThreads.census(loader, threads, HeapCensus.class.getClassLoader(), PrivateClassLoader.class,
                SHARED, SIZED_EACH, stopAbove, out);
        if (error != 0) {
            throw new IllegalStateException("JVMTI error " + error + " in the heap census");
        }
        return new Count(out[0], out[1], out[2], out[3] != 0, out[4], out[5], out[6], out[7]);
    }

    private static Class<?>[] shared() {
        List<Class<?>> shared = new ArrayList<>(List.of(Thread.class, ThreadGroup.class, ClassLoader.class,
                Module.class, ModuleLayer.class));
        shared.addAll(List.of(jdkClasses("jdk.internal.vm.ThreadContainer")));
        return shared.toArray(Class<?>[]::new);
    }

    /** The JDK's internal classes of these names that this JDK has. */
    private static Class<?>[] jdkClasses(String... names) {
        List<Class<?>> classes = new ArrayList<>();
        for (String name : names) {
            try {
                classes.add(Class.forName(name));
            } catch (ClassNotFoundException notInThisJdk) {
                // nothing of that kind to tell apart
            }
        }
        return classes.toArray(Class<?>[]::new);
    }
}
