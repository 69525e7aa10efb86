package singj.bench.workloads;

import java.io.IOException;

import singj.abi.Sip;

/**
 * The SIP of the thread-yield row. {@link #handOvers(int)} runs two threads of this SIP, virtual
 * threads as every SIP thread is by default (the second started by the first, as a SIP starts its
 * threads), that yield to each other in a loop with {@code Thread.yield()}. As in the C baseline, a
 * shared counter takes turns: one thread may only move it from even to odd, the other from odd to
 * even, so a step counts only a yield that really let the other thread run in between. A yield that
 * came back to its own thread steps nothing (it is counted in {@link #idleTurns}), and each thread
 * yields until it has stepped its share.
 */
public final class Yielder {
    private static volatile long turns;
    private static volatile long idleTurns;

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
     * Two threads step {@code stepsEach} times each, yielding after every look at the counter;
     * returns the steps taken ({@code 2 * stepsEach}).
     */
    public static long handOvers(int stepsEach) throws InterruptedException {
        turns = 0;
        idleTurns = 0;
        Thread.startVirtualThread(() -> {
            Thread other = Thread.startVirtualThread(() -> play(1, stepsEach));
            play(0, stepsEach);
            joinUninterruptibly(other);
        }).join();
        return turns;
    }

    private static void play(int parity, int steps) {
        for (int stepped = 0; stepped < steps; ) {
            if ((turns & 1) == parity) {
                turns++; // the other thread has stepped since this one did
                stepped++;
            } else {
                idleTurns++;
            }
            Thread.yield();
        }
    }

    private static void joinUninterruptibly(Thread thread) {
        while (true) {
            try {
                thread.join();
                return;
            } catch (InterruptedException notOurs) {
                // the benchmark does not interrupt; a kill unwinds at the next kill check
            }
        }
    }

    /** The yields of the last run that found it was not their turn (0 when every yield switched). */
    public static long idleTurns() {
        return idleTurns;
    }
}
