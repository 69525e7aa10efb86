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
 * what {@code singj run JAR} does when it finds the jar sealed in the image's cache, the common
 * start, so that the classes it loads come linked from the cache and the methods it runs come
 * with profiles. The JVM loads every class of the cache at each start, used or not: the jar is
 * sealed beforehand by another JVM (the launcher runs {@code singj run --image IMAGE JAR} first),
 * so that the verifier's and the class-file library's classes, which a cache hit never touches,
 * stay out of the cache. The image is deleted after.
 */
public final class StartupTraining {
    private StartupTraining() {}

    /** {@code args[0]}: an image whose seal cache holds {@code args[1]}, a plain program that prints and exits. */
    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            System.err.println("usage: StartupTraining IMAGE JAR (the image's cache already holding the jar sealed)");
            System.exit(2);
        }
        Path image = Path.of(args[0]);
        var quiet = new PrintStream(PrintStream.nullOutputStream());
        try {
            for (int run = 0; run < 2; run++) {
                int code = Main.execute(new String[] {"run", "--image", image.toString(), args[1]},
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
