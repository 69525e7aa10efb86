package singj.vfuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A fixed-seed slice of the differential fuzzing: mutants of every source, each judged by SingJ and
 * by HotSpot. SingJ never crashes and always answers within its limit, it accepts no mutant that
 * HotSpot rejects, except those a {@link KnownGap} explains (none is open), and it rejects a mutant
 * HotSpot accepts only by a rule documented as stricter on purpose ({@link StricterRule}).
 */
class FuzzSliceTest {
    static final int MUTANTS = 2_000;

    @Test
    void singjAcceptsNothingHotSpotRejectsOutsideTheKnownGaps() {
        Report report = new Fuzzer(Corpus.load(Corpus.buildDir()), 20260214L).run(MUTANTS, 2);
        System.out.println(report.markdown("the suite's slice"));

        assertTrue(report.judged() > MUTANTS * 9 / 10, "too few mutants were judged: " + report.judged());
        assertTrue(report.unresolvable() < report.judged() / 10, "HotSpot could not resolve " + report.unresolvable()
                + " of " + report.judged() + " mutants: their classes are missing from their sources");
        assertEquals(List.of(), report.failures().stream().map(Report::describe).toList(),
                "SingJ's verifier failed or took over " + SingJudge.LIMIT_SECONDS + " s");
        assertEquals(0, report.unexplainedCount(), () -> "SingJ accepts mutants HotSpot rejects, in no known gap:\n"
                + report.unexplained().stream().limit(10).map(Report::describe).collect(Collectors.joining("\n")));
        assertEquals(0, report.undocumentedStricterCount(), () -> "SingJ rejects mutants HotSpot accepts, under no "
                + "documented stricter rule (StricterRule):\n"
                + report.undocumentedStricter().stream().limit(10).map(Report::describe).collect(Collectors.joining("\n")));
    }
}
