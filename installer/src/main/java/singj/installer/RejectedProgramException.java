package singj.installer;

/** A program that broke the install-time rules; the report lists every violation. */
public class RejectedProgramException extends InstallException {
    private final VerificationReport report;

    public RejectedProgramException(VerificationReport report) {
        super(report.summary() + (report.violations().isEmpty() ? "" : ": " + report.violations().getFirst()));
        this.report = report;
    }

    public VerificationReport report() {
        return report;
    }
}
