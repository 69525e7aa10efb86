package singj.fs.host;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import singj.fs.Disk;
import singj.fs.DiskException;

/**
 * A host image file as a {@link Disk}, for {@code singj mkfs} and {@code fsck} and the tests
 * (outside any SIP: a SIP reaches a disk only through the driver). Flush is {@code fsync}.
 */
public final class ImageDisk implements Disk, AutoCloseable {
    private final Path path;
    private final FileChannel file;
    private final long sectors;

    private ImageDisk(Path path, FileChannel file, long sectors) {
        this.path = path;
        this.file = file;
        this.sectors = sectors;
    }

    public static ImageDisk open(Path path, boolean writable) throws IOException {
        FileChannel file = writable
                ? FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE)
                : FileChannel.open(path, StandardOpenOption.READ);
        return new ImageDisk(path, file, file.size() / SECTOR_SIZE);
    }

    @Override
    public long sectors() {
        return sectors;
    }

    @Override
    public void read(long sector, int count, byte[] into) {
        check(sector, count);
        ByteBuffer buffer = ByteBuffer.wrap(into, 0, count * SECTOR_SIZE);
        try {
            while (buffer.hasRemaining()) {
                int n = file.read(buffer, sector * SECTOR_SIZE + buffer.position());
                if (n < 0) {
                    throw new DiskException(path + ": sector " + sector + " is past the end of the file (truncated?)", false);
                }
            }
        } catch (IOException e) {
            throw new DiskException(path + ": reading " + count + " sectors at " + sector + ": " + e.getMessage(), false);
        }
    }

    @Override
    public void write(long sector, int count, byte[] from) {
        check(sector, count);
        ByteBuffer buffer = ByteBuffer.wrap(from, 0, count * SECTOR_SIZE);
        try {
            while (buffer.hasRemaining()) {
                file.write(buffer, sector * SECTOR_SIZE + buffer.position());
            }
        } catch (IOException e) {
            throw new DiskException(path + ": writing " + count + " sectors at " + sector + ": " + e.getMessage(), false);
        }
    }

    @Override
    public void flush() {
        try {
            file.force(false);
        } catch (IOException e) {
            throw new DiskException(path + ": flushing: " + e.getMessage(), false);
        }
    }

    private void check(long sector, int count) {
        if (sector < 0 || count <= 0 || sector + count > sectors) {
            throw new DiskException(path + ": sectors " + sector + " to " + (sector + count - 1)
                    + " are not on the disk (" + sectors + " sectors)", false);
        }
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
