package singj.cli;

import java.nio.file.Path;
import java.util.List;
import singj.installer.InstallException;
import singj.installer.RejectedProgramException;
import singj.installer.SystemImage;
import singj.kernel.KernelException;
import singj.kernel.SealedProgram;
import singj.services.InstalledProgram;
import singj.services.ProgramManager;
import singj.services.ProgramException;

/** The shell's view of the installer and the system image. */
final class ImageProgramManager implements ProgramManager {
    private final SystemImage image;

    ImageProgramManager(SystemImage image) {
        this.image = image;
    }

    @Override
    public String install(Path jar, String name) {
        try {
            return ProgramInstaller.install(image, jar, name, null, 0);
        } catch (RejectedProgramException rejected) {
            throw rejection(rejected);
        } catch (InstallException | KernelException e) {
            throw new ProgramException(List.of(e.getMessage()), e);
        }
    }

    @Override
    public SealedProgram seal(Path jar) {
        try {
            return ImageOption.sealCache(image).seal(jar, null);
        } catch (RejectedProgramException rejected) {
            throw rejection(rejected);
        } catch (InstallException | KernelException e) {
            throw new ProgramException(List.of(e.getMessage()), e);
        }
    }

    @Override
    public List<InstalledProgram> programs() {
        return image.entries().stream()
                .map(entry -> new InstalledProgram(entry.name(), entry.mainClass(), entry.classes(), entry.installed()))
                .toList();
    }

    /** One line per violation, then the verdict, as {@code singj verify} prints them. */
    private static ProgramException rejection(RejectedProgramException rejected) {
        return new ProgramException(rejected.report().rejectionLines(), rejected);
    }
}
