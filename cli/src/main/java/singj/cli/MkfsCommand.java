package singj.cli;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import singj.fs.FileSystem;
import singj.fs.Superblock;
import singj.fs.host.ImageDisk;

@Command(name = "mkfs", description = {"Writes an empty SingJ file system over a disk image (created, sparse, if missing).",
        "Everything the image held is lost."})
final class MkfsCommand implements Callable<Integer> {
    private final Terminal terminal;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "the disk image file")
    Path image;

    @Option(names = "--size", paramLabel = "SIZE", description = "size of an image that does not exist yet (default 64M; K, M, G suffixes)")
    String size = "64M";

    MkfsCommand(Terminal terminal) {
        this.terminal = terminal;
    }

    @Override
    public Integer call() throws IOException {
        if (!Files.exists(image)) {
            long bytes = Units.parseSize(size);
            try (RandomAccessFile file = new RandomAccessFile(image.toFile(), "rw")) {
                file.setLength(bytes);
            }
        } else if (!Files.isRegularFile(image)) {
            throw new IllegalArgumentException(image + ": not a regular file");
        }
        try (ImageDisk disk = ImageDisk.open(image, true)) {
            Superblock sb = FileSystem.mkfs(disk);
            terminal.out().printf("%s: SingJ file system, %d blocks of %d bytes (%d MiB), %d inodes, journal of %d blocks%n",
                    image, sb.blocks(), Superblock.BLOCK_SIZE, sb.blocks() * Superblock.BLOCK_SIZE >> 20, sb.inodes(),
                    sb.journalBlocks() - 1);
        }
        return 0;
    }
}
