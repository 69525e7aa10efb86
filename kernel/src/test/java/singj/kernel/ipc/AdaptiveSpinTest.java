package singj.kernel.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The receiver's spin learns from its last spins, and keeps probing once it has stopped. */
class AdaptiveSpinTest {
    @Test
    void aSpinThatKeepsPayingStaysAtTheLongest() {
        var spin = new AdaptiveSpin();
        for (int i = 0; i < 10; i++) {
            assertEquals(AdaptiveSpin.LONGEST_NANOS, spin.next());
            spin.paidOff();
        }
    }

    @Test
    void wastedSpinsHalveItToNothingAndThenEveryProbeIntervalSpinsInFull() {
        var spin = new AdaptiveSpin();
        int wasted = 0;
        while (spin.next() > 0) {
            spin.wasted();
            wasted++;
        }
        assertEquals(5, wasted, "20 µs, 10, 5, 2.5, 1.25, then nothing");
        int parkedAtOnce = 1; // the receive that found the spin at nothing
        while (spin.next() == 0) {
            parkedAtOnce++;
        }
        assertEquals(AdaptiveSpin.PROBE_INTERVAL - 1, parkedAtOnce, "receives without a spin before the first probe");
        spin.wasted();
        for (int round = 0; round < 3; round++) {
            for (int i = 1; i < AdaptiveSpin.PROBE_INTERVAL; i++) {
                assertEquals(0, spin.next(), "receive " + i + " after a probe parks at once");
            }
            assertEquals(AdaptiveSpin.LONGEST_NANOS, spin.next(), "the next probe");
            spin.wasted();
        }
    }

    @Test
    void aProbeThatPaysOffBringsTheSpinBackStepByStep() {
        var spin = new AdaptiveSpin();
        while (spin.next() > 0) {
            spin.wasted();
        }
        spin.paidOff();
        assertEquals(AdaptiveSpin.SHORTEST_NANOS, spin.next());
        spin.paidOff();
        assertEquals(2 * AdaptiveSpin.SHORTEST_NANOS, spin.next());
        for (int i = 0; i < 10; i++) {
            spin.paidOff();
        }
        assertEquals(AdaptiveSpin.LONGEST_NANOS, spin.next());
    }
}
