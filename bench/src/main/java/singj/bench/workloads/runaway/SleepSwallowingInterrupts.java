package singj.bench.workloads.runaway;

/** Sleeps in a loop and swallows every interrupt. */
public final class SleepSwallowingInterrupts {
    private SleepSwallowingInterrupts() {}

    public static void main(String[] args) {
        System.out.println("running");
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // sleep again
            }
        }
    }
}
