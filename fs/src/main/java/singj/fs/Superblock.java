package singj.fs;

/**
 * Block 0: where everything else lies. The layout, in blocks of {@link #BLOCK_SIZE} bytes:
 *
 * <pre>
 * 0                superblock (this record, checksummed)
 * journal ...      the journal's header block, then its data blocks
 * inodes ...       the inode table, {@link Inode#PER_BLOCK} inodes a block; inode 1 is the root
 * bitmap ...       one bit per block of the disk, set if the block is in use
 * data ...         file contents, directory entries and indirect blocks, to the end of the disk
 * </pre>
 *
 * All integers are little-endian. The checksum (CRC-32C) covers the bytes before it.
 */
public record Superblock(int version, long blocks, int journalStart, int journalBlocks, int inodeStart,
                         int inodeBlocks, int bitmapStart, int bitmapBlocks, int dataStart) {
    public static final int BLOCK_SIZE = 4096;
    public static final int SECTORS_PER_BLOCK = BLOCK_SIZE / Disk.SECTOR_SIZE;
    /** "SingJFS1" read as a little-endian long. */
    public static final long MAGIC = 0x3153464a676e6953L;
    public static final int VERSION = 1;
    /** The smallest disk mkfs formats: room for the journal and some data. */
    public static final long MIN_BLOCKS = 256;
    /**
     * The most blocks a file system spans (about 119 GiB; mkfs leaves the rest of a larger disk
     * unused): one operation may change every bitmap block (a large delete) beside a write step's
     * blocks, and all of them must fit in one journal transaction.
     */
    public static final long MAX_BLOCKS = (long) (Journal.MAX_CAPACITY - 64) * Bitmap.BITS_PER_BLOCK;

    private static final int CHECKSUMMED = 52;

    /** The layout mkfs gives a disk of {@code blocks} blocks. */
    public static Superblock plan(long blocks) {
        if (blocks < MIN_BLOCKS) {
            throw new IllegalArgumentException("a disk of " + blocks + " blocks of " + BLOCK_SIZE
                    + " bytes is too small for a file system (at least " + MIN_BLOCKS + ", "
                    + MIN_BLOCKS * BLOCK_SIZE / 1024 + " KiB)");
        }
        blocks = Math.min(blocks, MAX_BLOCKS);
        int journalBlocks = 1 + (int) Math.max(Journal.MIN_CAPACITY, Math.min(Journal.MAX_CAPACITY, blocks / 32));
        long inodes = Math.max(Inode.PER_BLOCK, blocks / 4);
        int inodeBlocks = (int) ((inodes + Inode.PER_BLOCK - 1) / Inode.PER_BLOCK);
        int bitmapBlocks = (int) ((blocks + Bitmap.BITS_PER_BLOCK - 1) / Bitmap.BITS_PER_BLOCK);
        int journalStart = 1;
        int inodeStart = journalStart + journalBlocks;
        int bitmapStart = inodeStart + inodeBlocks;
        int dataStart = bitmapStart + bitmapBlocks;
        return new Superblock(VERSION, blocks, journalStart, journalBlocks, inodeStart, inodeBlocks, bitmapStart,
                bitmapBlocks, dataStart);
    }

    public long inodes() {
        return (long) inodeBlocks * Inode.PER_BLOCK;
    }

    public byte[] encode() {
        byte[] b = new byte[BLOCK_SIZE];
        Bytes.putLong(b, 0, MAGIC);
        Bytes.putInt(b, 8, version);
        Bytes.putLong(b, 12, blocks);
        Bytes.putInt(b, 20, journalStart);
        Bytes.putInt(b, 24, journalBlocks);
        Bytes.putInt(b, 28, inodeStart);
        Bytes.putInt(b, 32, inodeBlocks);
        Bytes.putInt(b, 36, bitmapStart);
        Bytes.putInt(b, 40, bitmapBlocks);
        Bytes.putInt(b, 44, dataStart);
        Bytes.putInt(b, 48, BLOCK_SIZE);
        Bytes.putInt(b, CHECKSUMMED, Checksum.of(b, 0, CHECKSUMMED));
        return b;
    }

    /**
     * Reads block 0 of a disk of {@code diskBlocks} blocks, refusing one that is not a SingJ file
     * system of this version or whose layout does not fit the disk (a truncated image).
     */
    public static Superblock decode(byte[] b, long diskBlocks) throws DamagedException {
        long magic = Bytes.getLong(b, 0);
        if (magic != MAGIC) {
            throw new DamagedException("superblock (block 0): wrong magic number 0x" + Long.toHexString(magic)
                    + ", expected 0x" + Long.toHexString(MAGIC) + ": not a SingJ file system (run singj mkfs)");
        }
        int stored = Bytes.getInt(b, CHECKSUMMED);
        int computed = Checksum.of(b, 0, CHECKSUMMED);
        if (stored != computed) {
            throw new DamagedException("superblock (block 0): checksum 0x" + Integer.toHexString(stored)
                    + " does not match its contents (0x" + Integer.toHexString(computed) + "): the superblock is damaged");
        }
        int version = Bytes.getInt(b, 8);
        if (version != VERSION) {
            throw new DamagedException("superblock (block 0): version " + version + ", this code reads version " + VERSION);
        }
        if (Bytes.getInt(b, 48) != BLOCK_SIZE) {
            throw new DamagedException("superblock (block 0): block size " + Bytes.getInt(b, 48) + ", expected " + BLOCK_SIZE);
        }
        Superblock s = new Superblock(version, Bytes.getLong(b, 12), Bytes.getInt(b, 20), Bytes.getInt(b, 24),
                Bytes.getInt(b, 28), Bytes.getInt(b, 32), Bytes.getInt(b, 36), Bytes.getInt(b, 40), Bytes.getInt(b, 44));
        String wrong = s.layoutProblem();
        if (wrong != null) {
            throw new DamagedException("superblock (block 0): " + wrong);
        }
        if (s.blocks > diskBlocks) {
            throw new DamagedException("the file system has " + s.blocks + " blocks but the disk only " + diskBlocks
                    + " (" + diskBlocks * BLOCK_SIZE + " bytes): the image is truncated");
        }
        return s;
    }

    private String layoutProblem() {
        if (journalStart != 1 || journalBlocks < 1 + Journal.MIN_CAPACITY || journalBlocks > 1 + Journal.MAX_CAPACITY
                || inodeStart != journalStart + journalBlocks || inodeBlocks < 1
                || bitmapStart != inodeStart + inodeBlocks
                || bitmapBlocks != (blocks + Bitmap.BITS_PER_BLOCK - 1) / Bitmap.BITS_PER_BLOCK
                || dataStart != bitmapStart + bitmapBlocks || blocks < MIN_BLOCKS || blocks > MAX_BLOCKS
                || dataStart >= blocks) {
            return "inconsistent layout " + this;
        }
        return null;
    }
}
