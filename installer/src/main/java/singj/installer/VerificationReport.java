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
 */
public record VerificationReport(String program, int classes, int methods, int unreachable, List<Violation> violations) {
    public VerificationReport {
        violations = List.copyOf(violations);
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
                + (passed() ? "no violations" : violations.size() + (violations.size() == 1 ? " violation" : " violations"));
    }
}
