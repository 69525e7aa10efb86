package singj.kernel;

import java.util.List;

/** Where the kernel finds installed programs: the system image. */
public interface ProgramStore {
    /**
     * The sealed program installed under {@code name}.
     *
     * @throws KernelException if there is no such program or its stored form is damaged
     */
    SealedProgram load(String name);

    /** The names of the installed programs, sorted. */
    List<String> names();
}
