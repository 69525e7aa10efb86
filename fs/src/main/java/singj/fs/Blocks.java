package singj.fs;

/** Whole file-system blocks on a sector disk. */
final class Blocks {
    private Blocks() {}

    static byte[] read(Disk disk, long block) {
        byte[] b = new byte[Superblock.BLOCK_SIZE];
        disk.read(block * Superblock.SECTORS_PER_BLOCK, Superblock.SECTORS_PER_BLOCK, b);
        return b;
    }

    static void write(Disk disk, long block, byte[] contents) {
        disk.write(block * Superblock.SECTORS_PER_BLOCK, Superblock.SECTORS_PER_BLOCK, contents);
    }
}
