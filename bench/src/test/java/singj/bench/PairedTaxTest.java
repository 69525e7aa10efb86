package singj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import singj.bench.InstrumentationTax.Variant;

/** The paired benchmark's set-up and arithmetic, not its speed. */
class PairedTaxTest {
    @Test
    void bothSidesOfAPairComputeTheSameAndAreTimedApart() throws Throwable {
        InstrumentationTax plain = new InstrumentationTax();
        plain.variant = Variant.plain;
        plain.setUp();
        var calls = new CpuTimePerOperation();
        PairedTax paired = new PairedTax();
        paired.variant = Variant.sealed;
        paired.setUp();
        try {
            var times = new PairTimes();
            times.reset();
            assertEquals(2L * plain.sort(calls), paired.sort(times), "sort, original and sealed");
            assertEquals(2L * plain.hashMap(calls), paired.hashMap(times), "hashMap");
            assertEquals(2L * plain.allocate(calls), paired.allocate(times), "allocate");
            paired.scale(times);
            paired.fib(times);
            assertTrue(times.originalCpuNanos() > 0 && times.instrumentedCpuNanos() > 0,
                    times.originalCpuNanos() + " ns original, " + times.instrumentedCpuNanos() + " ns instrumented");
            times.reset();
            assertEquals(0, times.originalCpuNanos() + times.instrumentedCpuNanos(), "each iteration counts afresh");
        } finally {
            paired.tearDown();
        }
    }

    @Test
    void plainIsNotAVariantToPairWithItself() {
        PairedTax paired = new PairedTax();
        paired.variant = Variant.plain;
        assertThrows(IllegalArgumentException.class, paired::setUp);
    }

    @Test
    void theReportDividesTheInstrumentedSumByTheOriginalOneInEachRound() {
        String report = Ratios.report(List.of(
                Map.of("paired allocate sealed original", 100.0, "paired allocate sealed instrumented", 102.0),
                Map.of("paired allocate sealed original", 200.0, "paired allocate sealed instrumented", 208.0)));
        assertTrue(report.contains("Instrumentation tax in pairs"), report);
        assertTrue(report.contains("allocate sealed") && report.contains("rounds 1.020..1.040, n=2"), report);
        assertTrue(report.contains("+3.0%"), report); // the geometric mean of 1.02 and 1.04
    }
}
