package singj.vfuzz;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * The holes in SingJ's verifier that are known and open: a mutant that SingJ accepts and HotSpot
 * rejects with one of these errors is counted under its gap, not as a new finding. Delete a gap when
 * its fix has merged: the suite's slice ({@code FuzzSliceTest}) then fails on any mutant the gap still
 * explains. Matched on HotSpot's error message (its first line, the instruction of its "Location" and
 * the types of its "Reason"), in this order.
 */
public enum KnownGap {
    ; // none open: issue 14's six checks, the StackMapTable and the class header were gaps here until they were fixed

    private final String doc;
    private final Predicate<Evidence> matches;

    KnownGap(String doc, Predicate<Evidence> matches) {
        this.doc = doc;
        this.matches = matches;
    }

    public String doc() {
        return doc;
    }

    /** The gap that explains why HotSpot rejected a mutant SingJ accepted, if any. */
    public static Optional<KnownGap> explaining(Fuzzer.Outcome outcome) {
        Evidence evidence = new Evidence(outcome.spec().source(), outcome.hotspot().error(), outcome.mutation().frames(),
                outcome.framesRecomputed());
        Optional<KnownGap> gap = explaining(evidence);
        // below version 50 HotSpot's inference verifier names no types ("Incompatible argument to
        // function"): its type checker, on the same code at version 52 with frames computed, does
        if (gap.isEmpty() && outcome.mutation().frames() == Mutation.Frames.NONE && outcome.framesRecomputed() != null
                && outcome.framesRecomputed().kind() == HotSpotJudge.Kind.REJECT) {
            gap = explaining(new Evidence(outcome.spec().source(), outcome.framesRecomputed().error(),
                    Mutation.Frames.REGENERATED, null));
        }
        return gap;
    }

    private static Optional<KnownGap> explaining(Evidence evidence) {
        for (KnownGap gap : values()) {
            if (gap.matches.test(evidence)) {
                return Optional.of(gap);
            }
        }
        return Optional.empty();
    }

    /** What HotSpot said of the mutant (its error, first line and "Location"/"Reason" included), and how its frames were made. */
    record Evidence(Source source, String error, Mutation.Frames frames, HotSpotJudge.Verdict recomputed) {}
}
