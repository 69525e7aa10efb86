package singj.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The launcher's training run for the JVM's ahead-of-time cache ({@code -XX:AOTCacheOutput}):
 * what {@code singj run JAR} does, once verifying the jar and once finding it sealed in the
 * cache, so that the classes both paths load come linked from the cache and the methods they
 * run come with profiles. In an image of its own, deleted after.
 */
public final class StartupTraining {
    private StartupTraining() {}

    /** {@code args[0]}: the jar to run, a plain program that prints and exits. */
    public static void main(String[] args) throws IOException {
        Path image = Files.createTempDirectory("singj-training");
        var quiet = new PrintStream(PrintStream.nullOutputStream());
        try {
            for (int run = 0; run < 2; run++) {
                int code = Main.execute(new String[] {"run", "--image", image.toString(), args[0]},
                        InputStream.nullInputStream(), quiet, System.err);
                if (code != 0) {
                    System.exit(code);
                }
            }
        } finally {
            try (Stream<Path> files = Files.walk(image)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            }
        }
        System.exit(0);
    }
}
