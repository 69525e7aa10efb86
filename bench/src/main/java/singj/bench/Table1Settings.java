package singj.bench;

import java.time.Duration;

/**
 * How long {@code singj bench} measures: rounds (each row's JMH run is followed by its Linux
 * baseline, so a row's two sides are measured a few seconds apart, and the ratio is taken within
 * each round), JMH iterations and forks, and the share of each baseline's default operation count.
 *
 * @param forks 1: each row in a fresh JVM, as JMH intends; 0: in this JVM (for tests)
 */
public record Table1Settings(String name, int rounds, int warmupIterations, Duration warmupTime, int iterations,
                             Duration iterationTime, int forks, double baselineShare) {
    /** About 3 minutes on 2 cores: 3 rounds of 2 x 1 s warm-up and 4 x 1 s measurement per row. */
    public static Table1Settings quick() {
        return new Table1Settings("quick", 3, 2, Duration.ofSeconds(1), 4, Duration.ofSeconds(1), 1, 1.0);
    }

    /** For reports (5-7 minutes): 5 rounds of 3 x 1 s warm-up and 5 x 1 s measurement per row. */
    public static Table1Settings full() {
        return new Table1Settings("full", 5, 3, Duration.ofSeconds(1), 5, Duration.ofSeconds(1), 1, 1.0);
    }

    /** Just enough to run every operation (tests): figures meaningless. */
    public static Table1Settings smoke() {
        return new Table1Settings("smoke", 1, 1, Duration.ofMillis(50), 1, Duration.ofMillis(100), 0, 0.02);
    }

    /** A baseline's operation count under these settings (at least 10). */
    long baselineOps(LinuxBaseline baseline) {
        return Math.max(10, Math.round(baseline.defaultOps() * baselineShare));
    }
}
