package singj.installer.verify;

/**
 * Why one instruction on one path cannot be verified; thrown inside the verifier and turned into a
 * {@code Violation} by {@link MethodVerifier}. It carries no stack trace: it is an answer, not a bug.
 */
final class Rejection extends RuntimeException {
    final String rule;

    Rejection(String rule, String message) {
        super(message, null, false, false);
        this.rule = rule;
    }

    static Rejection type(String message) {
        return new Rejection(Rules.TYPE_SAFETY, message);
    }
}
