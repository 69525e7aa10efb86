package singj.kernel.sched;

/** A body of code that runs until it suspends itself or ends, then can be resumed where it stopped. */
interface Fiber {
    /**
     * Runs the fiber until it suspends ({@link Fibers#suspend()}) or ends. An exception that ends
     * it is thrown here.
     */
    void resume();

    boolean isDone();
}
