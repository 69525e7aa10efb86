package singj.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;
import singj.installer.SystemImage;

/** The {@code --image} option shared by the commands that use the system image. */
final class ImageOption {
    @Option(names = "--image", paramLabel = "DIR",
            description = "The system image directory (default: $SINGJ_IMAGE, else ~/.singj/image).")
    Path image;

    SystemImage open() {
        return new SystemImage(image != null ? image : SystemImage.defaultLocation());
    }
}
