package singj.bench.workloads.runaway;

/** Catches every Throwable around its loop (the kill's unwind among them, if it could) and loops again. */
public final class CatchThrowableLoop {
    private static long turns;

    private CatchThrowableLoop() {}

    public static void main(String[] args) {
        System.out.println("running");
        while (true) {
            try {
                while (true) {
                    turns++;
                }
            } catch (Throwable caught) {
                turns = 0;
            }
        }
    }
}
