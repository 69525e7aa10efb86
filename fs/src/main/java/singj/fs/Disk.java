package singj.fs;

/**
 * What the file system needs of a disk: the shape of the {@code BlockDevice} contract (sectors of
 * {@link #SECTOR_SIZE} bytes, read, write, flush), so the same code runs on a byte array in a
 * test, on a host image file in {@code singj mkfs/fsck}, and over a channel inside the file
 * system SIP. Failures are {@link DiskException}s.
 */
public interface Disk {
    int SECTOR_SIZE = 512;

    long sectors();

    /** Reads {@code count} sectors from {@code sector} into the start of {@code into}. */
    void read(long sector, int count, byte[] into);

    /** Writes the first {@code count} sectors' worth of {@code from} from {@code sector}. */
    void write(long sector, int count, byte[] from);

    /** Returns once every sector written before is on stable storage. */
    void flush();
}
