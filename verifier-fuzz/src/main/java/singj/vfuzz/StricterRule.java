package singj.vfuzz;

import java.util.Optional;
import java.util.function.Predicate;

/**
 * The rules by which SingJ refuses, on purpose, classes HotSpot loads: each one documented in
 * docs/verifier.md ("Stricter than the JVM, on purpose"). A mutant SingJ rejects and HotSpot accepts
 * is put under the first rule its first violation falls under; one under none is a new finding
 * (a false rejection, or a stricter rule nobody wrote down), and the suite's slice fails on it.
 */
public enum StricterRule {
    /** docs/verifier.md, {@code final-field}: the JVM refuses such writes only when they run (from version 53), or never. */
    FINAL_FIELD("a final field written outside its own class's constructor or static initialiser",
            v -> v.rule("final-field")),
    /** docs/verifier.md, {@code subroutine}: the JVM still verifies them below version 50. */
    SUBROUTINE("jsr or ret", v -> v.rule("subroutine"));

    private final String doc;
    private final Predicate<Refusal> matches;

    StricterRule(String doc, Predicate<Refusal> matches) {
        this.doc = doc;
        this.matches = matches;
    }

    public String doc() {
        return doc;
    }

    /** The rule by which SingJ refused a mutant HotSpot accepted, if any. */
    public static Optional<StricterRule> explaining(Fuzzer.Outcome outcome) {
        Refusal refusal = new Refusal(outcome.singj().reason() == null ? "" : outcome.singj().reason(),
                majorVersion(outcome.mutation().bytes()));
        for (StricterRule rule : values()) {
            if (rule.matches.test(refusal)) {
                return Optional.of(rule);
            }
        }
        return Optional.empty();
    }

    private static int majorVersion(byte[] bytes) {
        return bytes.length < 8 ? -1 : ((bytes[6] & 0xFF) << 8) | (bytes[7] & 0xFF);
    }

    /** SingJ's first violation ({@code [rule] Class.method @offset: message}) and the mutant's class file version. */
    record Refusal(String violation, int major) {
        boolean rule(String name) {
            return violation.startsWith("[" + name + "]");
        }

        boolean says(String text) {
            return violation.contains(text);
        }
    }
}
