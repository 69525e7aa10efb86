package singj.kernel.ipc;

/**
 * How long a receiver spins for its next message before it parks, learned from how the last
 * spins went (as adaptive locks do). Spinning wins when the sender runs on another core at the
 * same time: the message comes within a microsecond, where a park and a wake-up cost tens. It
 * loses when the machine is busy: the spinner burns the time slice the sender needs, and both
 * wait for the OS to switch. Measured with 6-8 runnable threads on 2 cores (MessagePassing):
 * a round trip took 47-63 µs with a 20 µs spin and 9-12 µs without one, a pipe 7-10 µs; on an
 * idle machine a round trip takes 0.7 µs spinning.
 *
 * <p>So a spin that ends with the message doubles the next one (up to {@link #LONGEST_NANOS});
 * one that ends in a park halves it, to nothing below {@link #SHORTEST_NANOS}. A receiver that
 * no longer spins tries a full spin every {@link #PROBE_INTERVAL} receives, to find out whether
 * spinning pays again. One per channel end (and per side of a process SIP's lane): a racy
 * heuristic, read and written without a lock.
 */
public final class AdaptiveSpin {
    static final int LONGEST_NANOS = 20_000;
    static final int SHORTEST_NANOS = 1_000;
    static final int PROBE_INTERVAL = 64;

    private int nanos = LONGEST_NANOS;
    private int sinceProbe;

    /** How long the next receive spins. */
    public long next() {
        if (nanos == 0 && ++sinceProbe >= PROBE_INTERVAL) {
            sinceProbe = 0;
            return LONGEST_NANOS;
        }
        return nanos;
    }

    /** The message came while spinning. */
    public void paidOff() {
        nanos = Math.min(LONGEST_NANOS, Math.max(SHORTEST_NANOS, nanos * 2));
    }

    /** The receiver had to park after all. */
    public void wasted() {
        int half = nanos / 2;
        nanos = half < SHORTEST_NANOS ? 0 : half;
    }
}
