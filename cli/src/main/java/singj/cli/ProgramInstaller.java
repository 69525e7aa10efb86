package singj.cli;

import java.nio.file.Path;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;
import singj.kernel.SealedProgram;

/** Verify, seal, store: the one path by which programs enter the image. */
final class ProgramInstaller {
    private ProgramInstaller() {}

    /** Installs {@code jar}; returns a one-line summary for a person. */
    static String install(SystemImage image, Path jar, String name, String mainClass, long memoryQuota) {
        return install(image, ProgramJar.read(jar, mainClass), name, memoryQuota, jar.toAbsolutePath().toString());
    }

    /** Installs an already read jar; {@code source} is what the image records as its origin. */
    static String install(SystemImage image, ProgramJar program, String name, long memoryQuota, String source) {
        String programName = name != null ? name : program.defaultName();
        SystemImage.checkName(programName);
        long start = System.nanoTime();
        SealedProgram sealed = Installer.standard().seal(program, programName, memoryQuota);
        image.store(sealed, source, program.digest());
        long millis = (System.nanoTime() - start) / 1_000_000;
        return "installed " + programName + " (" + sealed.classes().size() + " classes, main " + sealed.mainClass()
                + ") in " + millis + " ms";
    }
}
