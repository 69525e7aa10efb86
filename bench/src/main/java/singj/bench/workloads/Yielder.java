package singj.bench.workloads;

import java.io.IOException;

import singj.abi.Sip;

/**
 * The SIP of the thread-yield row. {@link #handOvers(int)} runs two cooperative threads of this SIP
 * ({@code Sip.runCooperatively}) that yield to each other in a loop. As in the C baseline, a
 * shared counter takes turns: one thread may only move it from even to odd, the other from odd to
 * even, so a step counts only a yield that really let the other thread run in between. A yield that
 * came back to its own thread would count nothing.
 */
public final class Yielder {
    private static long turns;
    private static long idleTurns;

    private Yielder() {}

    public static void main(String[] args) {
        try {
            while (System.in.read() >= 0) {
                // wait for the end of input
            }
        } catch (IOException closed) {
            // input closed: the end as well
        }
    }

    /**
     * Two threads yield to each other {@code yieldsEach} times each; returns the steps taken, which
     * is {@code 2 * yieldsEach} exactly when every yield handed the CPU to the other thread.
     */
    public static long handOvers(int yieldsEach) {
        turns = 0;
        idleTurns = 0;
        Sip.runCooperatively(() -> play(0, yieldsEach), () -> play(1, yieldsEach));
        return turns;
    }

    private static void play(int parity, int yields) {
        for (int i = 0; i < yields; i++) {
            if ((turns & 1) == parity) {
                turns++; // the other thread has stepped since this one did
            } else {
                idleTurns++;
            }
            Sip.yield();
        }
    }

    /** The yields of the last run that found it was not their turn (0 when every yield switched). */
    public static long idleTurns() {
        return idleTurns;
    }
}
