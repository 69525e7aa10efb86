package singj.bench.workloads.runaway;

/** An empty loop that calls nothing: only the kill check at its back edge can end it. */
public final class TightLoop {
    private TightLoop() {}

    public static void main(String[] args) {
        System.out.println("running");
        while (true) { }
    }
}
