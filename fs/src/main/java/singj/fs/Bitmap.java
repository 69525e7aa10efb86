package singj.fs;

/** The allocation bitmap: bit {@code b % BITS_PER_BLOCK} of bitmap block {@code b / BITS_PER_BLOCK}, set if block b is in use. */
final class Bitmap {
    static final int BITS_PER_BLOCK = Superblock.BLOCK_SIZE * 8;

    private Bitmap() {}

    static boolean get(byte[] bitmapBlock, long block) {
        int bit = (int) (block % BITS_PER_BLOCK);
        return (bitmapBlock[bit >>> 3] & (1 << (bit & 7))) != 0;
    }

    static void set(byte[] bitmapBlock, long block, boolean used) {
        int bit = (int) (block % BITS_PER_BLOCK);
        if (used) {
            bitmapBlock[bit >>> 3] |= (byte) (1 << (bit & 7));
        } else {
            bitmapBlock[bit >>> 3] &= (byte) ~(1 << (bit & 7));
        }
    }
}
