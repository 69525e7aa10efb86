package singj.services;

import java.nio.file.Path;
import java.util.List;
import singj.kernel.SealedProgram;

/**
 * What the shell needs of the installer: the system SIPs are part of the kernel's image and do not
 * link against the installer, so the {@code singj} command hands them an implementation of this.
 * Every method reports a problem a person caused (a missing jar, a rejected program) as a
 * {@link ProgramException}.
 */
public interface ProgramManager {
    /** Verifies, seals and stores {@code jar} under {@code name} (null: the jar's file name); returns a one-line summary. */
    String install(Path jar, String name);

    /** Verifies and seals {@code jar} in memory, without storing it, to run it once. */
    SealedProgram seal(Path jar);

    /** The installed programs, sorted by name. */
    List<InstalledProgram> programs();
}
