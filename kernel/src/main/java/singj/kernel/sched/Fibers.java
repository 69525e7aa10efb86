package singj.kernel.sched;

import singj.abi.runtime.SipContext;

/**
 * A way to make {@link Fiber}s. The fast one switches {@code jdk.internal.vm.Continuation}s in
 * user space (~120 ns a switch), which needs {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED};
 * without it, virtual threads stand in, handing a baton back and forth (correct, slower). This
 * interface is the only place the rest of the kernel meets the difference.
 */
interface Fibers {
    /** A fiber of {@code owner} that runs {@code body} when first resumed. */
    Fiber create(Runnable body, SipContext owner);

    /**
     * Called from inside a fiber: goes back to whoever resumed it, and returns when it is resumed
     * again. Returns false at once if the caller is not inside a fiber of this kind, or cannot
     * switch where it is (e.g. holding a monitor).
     */
    boolean suspend();

    /** What it switches, for reports. */
    String mechanism();

    /** The fastest kind this JVM allows. */
    static Fibers best() {
        return ContinuationFibers.available() ? new ContinuationFibers() : new VirtualThreadFibers();
    }
}
