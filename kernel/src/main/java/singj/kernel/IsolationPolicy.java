package singj.kernel;

import java.util.Set;
import singj.kernel.ProgramManifest.Isolation;

/**
 * Which programs the system lets run in the kernel's JVM (docs/isolation.md, "Isolation by
 * policy"). A program gets a JVM process of its own when its starter asks for one, when its
 * manifest asks for one ({@code SingJ-Isolation: process}: more isolation is always granted), or
 * when the policy requires it; it runs in the kernel's JVM otherwise. A positive list: under
 * {@link #trusting}, only the programs named there may run in the kernel's JVM, and a manifest
 * that asks for the kernel's JVM ({@code SingJ-Isolation: in-process}) for any other is refused
 * rather than quietly moved.
 *
 * @param processUnlessTrusted whether programs not in {@code trusted} must run in a process
 * @param trusted the installed names of the programs that may run in the kernel's JVM
 */
public record IsolationPolicy(boolean processUnlessTrusted, Set<String> trusted) {
    /** Every program may run in the kernel's JVM (the default): the starter and the manifest decide. */
    public static final IsolationPolicy OPEN = new IsolationPolicy(false, Set.of());

    public IsolationPolicy {
        trusted = Set.copyOf(trusted);
    }

    /** Only the programs {@code trusted} names may run in the kernel's JVM; every other gets a process. */
    public static IsolationPolicy trusting(Set<String> trusted) {
        return new IsolationPolicy(true, trusted);
    }

    /**
     * Whether {@code program} runs in a process of its own, its starter having asked for one or not.
     *
     * @throws KernelException if its manifest asks for the kernel's JVM and the policy does not trust it
     */
    public boolean ownProcess(SealedProgram program, boolean starterAsks) {
        if (starterAsks) {
            return true; // the most isolation there is: whatever the manifest asks, the policy is met
        }
        boolean required = processUnlessTrusted && !trusted.contains(program.name());
        Isolation asked = program.manifest().isolation();
        if (required && asked == Isolation.IN_PROCESS) {
            throw new KernelException("program " + program.name() + " asks to run in the kernel's JVM (SingJ-Isolation: "
                    + "in-process in its manifest), but the system's policy runs the programs it does not trust in a "
                    + "process of their own: install it without that attribute, or have the system trust it");
        }
        return required || asked == Isolation.PROCESS;
    }
}
