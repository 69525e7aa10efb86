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
    SUBROUTINE("jsr or ret", v -> v.rule("subroutine")),
    /**
     * Below version 51 HotSpot's inference verifier lets an array pass as any interface, never checks
     * the receiver of invokeinterface, and lets an interface call Object.clone and finalize on an Object.
     */
    MODERN_RULES_BELOW_51("below version 51: an array as an interface, an invokeinterface receiver, Object.clone or "
            + "finalize from an interface", v -> v.major() < 51 && v.rule("type-safety") && (v.says("an array is only")
                    || v.says("invokeinterface") && v.says("the receiver is")
                    || v.says("protected member java.lang.Object.clone") || v.says("protected member java.lang.Object.finalize"))),
    /** From version 51 no stack map frame can type a handler around super() or this(). */
    HANDLER_AROUND_SUPER("from version 51, a handler around super() or this(), whatever its frame",
            v -> v.says("which class file version 51 and later cannot have")),
    /**
     * A StackMapTable the ClassFile API cannot lay out (a frame beyond the code, a reserved frame
     * type) is refused whatever the version: HotSpot ignores it below version 50, fails over from it
     * at 50, and (in one mutant of a 100,000 run) loaded such a class at 52.
     */
    /**
     * The installer checks the header of every class of a program when it installs it; HotSpot checks a
     * class's header only when it loads that class. A mutant made final or sealed, or turned into an
     * interface, refuses the classes of the program that extend it: HotSpot refuses them too, but only
     * if it loads them (when verifying code that uses them as the mutant), so the mutant alone loads.
     */
    SUBTYPE_HEADER("a class of the program that the mutant's change makes unloadable (HotSpot: only if it loads it)",
            v -> v.rule("class-header") && v.says(SingJudge.SUBTYPE_REFUSED)),
    UNREADABLE_STACK_MAP("a StackMapTable whose frame offsets the ClassFile API cannot read",
            v -> v.says("does not parse") && (v.says("Bytecode offset out of range") || v.says("frame type"))
                    || v.major() < 51 && (v.says("StackMapTable") || v.says("stack map")));

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
