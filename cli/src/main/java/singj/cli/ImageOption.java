package singj.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import singj.installer.SealCache;
import singj.installer.SystemImage;

/** The {@code --image} option shared by the commands that use the system image. */
final class ImageOption {
    /** The seal cache's size: a size such as {@code 64m}; {@code 0} keeps nothing. */
    static final String CACHE_SIZE_VARIABLE = "SINGJ_SEAL_CACHE";

    @Option(names = "--image", paramLabel = "DIR",
            description = "The system image directory (default: $SINGJ_IMAGE, else ~/.singj/image).")
    Path image;

    SystemImage open() {
        return new SystemImage(image != null ? image : SystemImage.defaultLocation());
    }

    /** Where jars run by path are kept once sealed: the image's cache, of $SINGJ_SEAL_CACHE bytes (default 256 MiB). */
    static SealCache sealCache(SystemImage image) {
        String size = System.getenv(CACHE_SIZE_VARIABLE);
        try {
            return SealCache.of(image, size == null || size.isBlank() ? SealCache.DEFAULT_MAX_BYTES : Units.parseSize(size));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(CACHE_SIZE_VARIABLE + ": " + e.getMessage(), e);
        }
    }
}
