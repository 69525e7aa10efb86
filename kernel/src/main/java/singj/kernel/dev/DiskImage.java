package singj.kernel.dev;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import singj.kernel.KernelException;

/**
 * A disk-image file on the host that a kernel serves as a device: a whole number of sectors of
 * {@link #SECTOR_SIZE} bytes, whose size is fixed when it is attached (a driver can never grow the
 * host file). {@link #check} refuses an image the kernel cannot serve whole, with what is wrong.
 *
 * @param size bytes, a multiple of {@link #SECTOR_SIZE}
 */
public record DiskImage(Path file, long size) {
    /** The sector of {@code singj.abi.BlockDevice}: an image is a whole number of them. */
    public static final int SECTOR_SIZE = 512;

    /**
     * The image at {@code file}, checked: a regular file the kernel can read and write, not empty,
     * a whole number of sectors.
     *
     * @throws KernelException naming the file and what is wrong with it
     */
    public static DiskImage check(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new KernelException("disk image " + file + " " + (Files.exists(file) ? "is not a regular file" : "does not exist"));
        }
        if (!Files.isReadable(file) || !Files.isWritable(file)) {
            throw new KernelException("disk image " + file + " must be readable and writable by the kernel");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (IOException e) {
            throw new KernelException("disk image " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (size == 0 || size % SECTOR_SIZE != 0) {
            throw new KernelException("disk image " + file + " is " + size + " bytes, not a whole number of "
                    + SECTOR_SIZE + "-byte sectors (truncated or not a disk image?)");
        }
        return new DiskImage(file, size);
    }

    /**
     * Creates a sparse image of {@code bytes} at {@code file} if there is none (the host allocates
     * its blocks only as they are written), and checks it.
     */
    public static DiskImage createIfMissing(Path file, long bytes) {
        if (bytes <= 0 || bytes % SECTOR_SIZE != 0) {
            throw new IllegalArgumentException("a disk image is a positive whole number of sectors, not " + bytes + " bytes");
        }
        if (!Files.exists(file)) {
            try {
                Files.createDirectories(file.toAbsolutePath().getParent());
                try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    channel.write(ByteBuffer.allocate(1), bytes - 1); // one byte at the end: the rest is a hole
                    channel.force(true);
                }
            } catch (IOException e) {
                throw new KernelException("cannot create disk image " + file + ": " + e, e);
            }
        }
        return check(file);
    }

    public long sectors() {
        return size / SECTOR_SIZE;
    }
}
