package singj.bench.workloads;

/** The program whose SIPs the start benchmark spawns: one line of output, then main returns. */
public final class OneLine {
    private OneLine() {}

    public static void main(String[] args) {
        System.out.println("hello");
    }
}
