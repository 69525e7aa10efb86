package singj.kernel;

import java.util.List;

/** A program store with nothing installed, for kernels that only spawn sealed programs handed to them. */
final class NoPrograms implements ProgramStore {
    static final ProgramStore STORE = new NoPrograms();

    private NoPrograms() {}

    @Override
    public SealedProgram load(String name) {
        throw new KernelException("no program " + name);
    }

    @Override
    public List<String> names() {
        return List.of();
    }
}
