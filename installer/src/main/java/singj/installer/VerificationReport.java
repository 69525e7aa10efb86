package singj.installer;

import java.util.List;

/**
 * What the install-time checks found in one program.
 *
 * @param classes classes checked
 * @param methods methods checked
 * @param unreachable methods no path from the entry points reaches: exempt from the API rules, and
 *     dropped when the program is sealed
 * @param violations every rule broken; empty when the program passes
 * @param refusedIfReached uses of refused JDK members (or of missing classes and members) in the
 *     code of the program's libraries: the library's corners the program may never use, so they do
 *     not stop the install; each site throws a {@link SecurityException} naming the rule and the
 *     member if it is ever reached, and never calls the member
 */
public record VerificationReport(String program, int classes, int methods, int unreachable, List<Violation> violations,
                                 List<Violation> refusedIfReached) {
    public VerificationReport {
        violations = List.copyOf(violations);
        refusedIfReached = List.copyOf(refusedIfReached);
    }

    public VerificationReport(String program, int classes, int methods, int unreachable, List<Violation> violations) {
        this(program, classes, methods, unreachable, violations, List.of());
    }

    /** What {@code singj verify} prints of the library code refused where it is reached: one line each. */
    public List<String> refusedIfReachedLines() {
        return refusedIfReached.stream().map(violation -> violation + " (refused if reached)").toList();
    }

    public boolean passed() {
        return violations.isEmpty();
    }

    /** What a rejection prints: one line per violation, then the summary and the verdict. */
    public List<String> rejectionLines() {
        var lines = new java.util.ArrayList<String>(violations.size() + 1);
        violations.forEach(violation -> lines.add(violation.toString()));
        lines.add(summary() + ": rejected");
        return lines;
    }

    /** One line: "hello: 3 classes, 12 methods checked, 2 unreachable and dropped, no violations". */
    public String summary() {
        return program + ": " + classes + (classes == 1 ? " class, " : " classes, ") + methods
                + (methods == 1 ? " method" : " methods") + " checked, "
                + (unreachable > 0 ? unreachable + " unreachable and dropped, " : "")
                + (passed() ? "no violations" : violations.size() + (violations.size() == 1 ? " violation" : " violations"))
                + (refusedIfReached.isEmpty() ? "" : ", " + refusedIfReached.size() + " uses in libraries refused if reached");
    }
}
