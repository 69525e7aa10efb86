package singj.kernel.sched;

/**
 * The numbers {@code CarrierWatch} keeps SIPs fair with, of whichever scheduler SIP threads run on:
 * how many carriers it aims at, how many run a thread now, and a way to change the first.
 */
public interface CarrierCounts {
    int parallelism();

    void setParallelism(int carriers);

    /** Carriers running a virtual thread now. */
    int busy();
}
