package singj.fs;

/**
 * What the file system needs of a disk: the shape of the {@code BlockDevice} contract (sectors of
 * {@link #SECTOR_SIZE} bytes, read, write, flush), so the same code runs on a byte array in a
 * test, on a host image file in {@code singj mkfs/fsck}, and over a channel inside the file
 * system SIP. Failures are {@link DiskException}s.
 *
 * <p>The file system moves runs of consecutive blocks with {@link #read(long, byte[][], int)} and
 * {@link #write(long, byte[][], int)}: a disk whose every request costs a round trip (the driver's
 * channel) serves a run in one request; the others take the defaults, one call per buffer.
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

    /**
     * Reads the consecutive sectors from {@code sector} into the first {@code buffers} arrays of
     * {@code into}, in order, each filled whole (each a whole number of sectors long).
     */
    default void read(long sector, byte[][] into, int buffers) {
        for (int i = 0; i < buffers; i++) {
            int count = into[i].length / SECTOR_SIZE;
            read(sector, count, into[i]);
            sector += count;
        }
    }

    /**
     * Writes the first {@code buffers} arrays of {@code from}, in order, whole, to consecutive
     * sectors from {@code sector}. A failure may leave any part of the run written, as a disk's can.
     */
    default void write(long sector, byte[][] from, int buffers) {
        for (int i = 0; i < buffers; i++) {
            int count = from[i].length / SECTOR_SIZE;
            write(sector, count, from[i]);
            sector += count;
        }
    }
}
