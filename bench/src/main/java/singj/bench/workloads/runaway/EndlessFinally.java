package singj.bench.workloads.runaway;

/** The kill unwinds out of its loop into a finally block that loops forever. */
public final class EndlessFinally {
    private static long turns;

    private EndlessFinally() {}

    @SuppressWarnings("finally") // the point: a finally block that never completes
    public static void main(String[] args) {
        System.out.println("running");
        try {
            while (true) {
                turns++;
            }
        } finally {
            while (true) {
                turns--;
            }
        }
    }
}
