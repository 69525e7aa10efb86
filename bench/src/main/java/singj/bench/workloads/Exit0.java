package singj.bench.workloads;

/** The minimal program of the process-create row, like the C baseline's {@code exit0}: main returns at once. */
public final class Exit0 {
    private Exit0() {}

    public static void main(String[] args) {
        // nothing: the SIP exits with status 0
    }
}
