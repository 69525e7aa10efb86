package singj.fs;

/** Whole file-system blocks on a sector disk, one at a time or in runs of consecutive blocks. */
final class Blocks {
    /**
     * The most blocks one disk request moves (256 KiB): what the file system SIP's channel to the
     * driver carries in one exchange-heap block.
     */
    static final int MAX_RUN = 64;

    private Blocks() {}

    static byte[] read(Disk disk, long block) {
        byte[] b = new byte[Superblock.BLOCK_SIZE];
        disk.read(block * Superblock.SECTORS_PER_BLOCK, Superblock.SECTORS_PER_BLOCK, b);
        return b;
    }

    static void write(Disk disk, long block, byte[] contents) {
        disk.write(block * Superblock.SECTORS_PER_BLOCK, Superblock.SECTORS_PER_BLOCK, contents);
    }

    /** Reads blocks {@code first} to {@code first + count - 1} into the first {@code count} arrays of {@code into}. */
    static void readRun(Disk disk, long first, byte[][] into, int count) {
        disk.read(first * Superblock.SECTORS_PER_BLOCK, into, count);
    }

    /** Writes the first {@code count} arrays of {@code from} to blocks {@code first} on. */
    static void writeRun(Disk disk, long first, byte[][] from, int count) {
        disk.write(first * Superblock.SECTORS_PER_BLOCK, from, count);
    }
}
