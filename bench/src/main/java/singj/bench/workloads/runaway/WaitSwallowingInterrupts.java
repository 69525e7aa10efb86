package singj.bench.workloads.runaway;

/** Waits on a monitor nobody notifies, in a loop that swallows every interrupt. */
public final class WaitSwallowingInterrupts {
    private WaitSwallowingInterrupts() {}

    public static void main(String[] args) {
        Object monitor = new Object();
        System.out.println("running");
        synchronized (monitor) {
            while (true) {
                try {
                    monitor.wait();
                } catch (InterruptedException ignored) {
                    // wait again
                }
            }
        }
    }
}
