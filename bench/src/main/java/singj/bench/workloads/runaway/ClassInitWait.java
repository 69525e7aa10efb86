package singj.bench.workloads.runaway;

/**
 * Main waits for a class that another of its threads initialises forever (its static initialiser
 * spins): a thread waiting for a class initialisation gets no interrupt, so main ends only once
 * the initialiser has been unwound and the class has failed.
 */
public final class ClassInitWait {
    private static volatile boolean initialising;

    private ClassInitWait() {}

    /** The class whose initialiser never finishes by itself. */
    static final class Endless {
        static long turns;

        static {
            initialising = true;
            while (turns != -1) { // never: an initialiser javac lets through must be able to complete
                turns++;
            }
        }

        private Endless() {}

        static long turns() {
            return turns;
        }
    }

    public static void main(String[] args) {
        new Thread(Endless::turns, "initialiser").start();
        while (!initialising) {
            Thread.onSpinWait();
        }
        System.out.println("running");
        System.out.println("turns: " + Endless.turns()); // waits for the initialiser
    }
}
