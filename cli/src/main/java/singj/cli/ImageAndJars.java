package singj.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;
import singj.kernel.KernelException;
import singj.kernel.ProgramStore;
import singj.kernel.SealedProgram;
import singj.services.ProgramException;
import singj.services.ProgramManager;

/**
 * What {@code singj boot}'s kernel starts programs from: the system image by name, and jars by
 * path, verified and sealed for one run but not installed. The shell's {@code run JAR} asks the
 * process manager for a jar path like any program; the kernel itself never links the installer.
 */
final class ImageAndJars implements ProgramStore {
    private final ProgramStore image;
    private final ProgramManager installer;

    ImageAndJars(ProgramStore image, ProgramManager installer) {
        this.image = image;
        this.installer = installer;
    }

    @Override
    public SealedProgram load(String name) {
        if (!looksLikeJar(name)) {
            return image.load(name);
        }
        try {
            return installer.seal(Path.of(name));
        } catch (InvalidPathException e) {
            throw new KernelException("'" + name + "' is not a file name: " + e.getReason());
        } catch (ProgramException e) {
            throw new KernelException(String.join("\n", e.lines()), e);
        }
    }

    @Override
    public List<String> names() {
        return image.names();
    }

    /** A path rather than a program name: it ends in .jar, has a slash, or names a file here. */
    static boolean looksLikeJar(String program) {
        if (program.endsWith(".jar") || program.contains("/")) {
            return true;
        }
        try {
            return Files.isRegularFile(Path.of(program));
        } catch (InvalidPathException e) {
            return false;
        }
    }
}
