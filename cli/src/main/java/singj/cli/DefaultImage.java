package singj.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import singj.installer.InstallException;
import singj.installer.ProgramJar;
import singj.installer.SystemImage;

/**
 * The programs every image starts with: the example programs' jars, in the directory the
 * launcher names with {@code -Dsingj.apps=DIR}. At boot each is installed if the image lacks it
 * or holds another build of it, so a newcomer can type {@code run hello} at once. A program a
 * person installed under the same name is theirs and is left alone.
 */
final class DefaultImage {
    static final String APPS_PROPERTY = "singj.apps";
    /** How the image records where a default program came from, to tell it from a person's own install. */
    static final String SOURCE_PREFIX = "default image: ";

    private DefaultImage() {}

    /** The directory of default programs, or null if this run has none. */
    static Path appsDirectory() {
        String dir = System.getProperty(APPS_PROPERTY);
        return dir == null || dir.isBlank() ? null : Path.of(dir);
    }

    /** Brings the default programs in {@code image} up to date; returns how many it (re)installed. */
    static int refresh(SystemImage image, Path apps, PrintStream err) {
        if (apps == null || !Files.isDirectory(apps)) {
            return 0;
        }
        int installed = 0;
        for (Path jar : jars(apps)) {
            try {
                ProgramJar program = ProgramJar.read(jar);
                String name = program.defaultName();
                if (isCurrent(image, name, program.digest())) {
                    continue;
                }
                ProgramInstaller.install(image, program, name, 0, SOURCE_PREFIX + jar.toAbsolutePath());
                installed++;
            } catch (InstallException e) {
                err.println("singj: default image: " + e.getMessage());
            }
        }
        return installed;
    }

    private static boolean isCurrent(SystemImage image, String name, String digest) {
        if (!image.contains(name)) {
            return false;
        }
        boolean fromDefaultImage = image.entries().stream()
                .anyMatch(entry -> entry.name().equals(name) && entry.source().startsWith(SOURCE_PREFIX));
        return !fromDefaultImage || digest.equals(image.sourceDigest(name));
    }

    private static List<Path> jars(Path apps) {
        try (Stream<Path> files = Files.list(apps)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }
}
