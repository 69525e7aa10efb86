package singj.fs;

import java.util.Arrays;

/**
 * One entry of the inode table, {@link #SIZE} bytes: what a file or directory is and where its
 * blocks are. Block pointers are block numbers on the disk, 0 for none (a hole reads as zeros):
 * {@link #DIRECT} direct ones, then one indirect block of pointers and one double-indirect block
 * of indirect blocks. {@code generation} changes each time the inode is freed, so a handle to a
 * deleted file never reaches its successor.
 *
 * <pre>
 * 0  kind (u16)   2 links (u16)   4 generation (u32)   8 size (u64)
 * 16 direct[10] (u32 each)        56 indirect (u32)    60 double indirect (u32)
 * </pre>
 */
public record Inode(Kind kind, int links, int generation, long size, int[] direct, int indirect, int doubleIndirect) {
    public static final int SIZE = 64;
    public static final int PER_BLOCK = Superblock.BLOCK_SIZE / SIZE;
    public static final int DIRECT = 10;
    public static final int POINTERS = Superblock.BLOCK_SIZE / 4;
    /** The number of the root directory's inode (0 is never used: a directory entry of 0 is empty). */
    public static final int ROOT = 1;
    public static final long MAX_SIZE = (DIRECT + POINTERS + (long) POINTERS * POINTERS) * Superblock.BLOCK_SIZE;

    public enum Kind {
        FREE, FILE, DIRECTORY;

        static Kind of(int code) {
            return code >= 0 && code < values().length ? values()[code] : null;
        }
    }

    public Inode {
        direct = direct.clone();
    }

    public static Inode empty(Kind kind, int generation) {
        return new Inode(kind, kind == Kind.FREE ? 0 : 1, generation, 0, new int[DIRECT], 0, 0);
    }

    @Override
    public int[] direct() {
        return direct.clone();
    }

    /** Direct pointer {@code i}, without a copy of the array. */
    int direct(int i) {
        return direct[i];
    }

    public Inode withSize(long newSize) {
        return new Inode(kind, links, generation, newSize, direct, indirect, doubleIndirect);
    }

    public Inode withLinks(int newLinks) {
        return new Inode(kind, newLinks, generation, size, direct, indirect, doubleIndirect);
    }

    Inode withDirect(int i, int block) {
        int[] d = direct.clone();
        d[i] = block;
        return new Inode(kind, links, generation, size, d, indirect, doubleIndirect);
    }

    Inode withIndirect(int block) {
        return new Inode(kind, links, generation, size, direct, block, doubleIndirect);
    }

    Inode withDoubleIndirect(int block) {
        return new Inode(kind, links, generation, size, direct, indirect, block);
    }

    /** The raw kind code of inode {@code index} of a table block, to tell a damaged code from a valid one. */
    static int kindCode(byte[] block, int index) {
        return Bytes.getShort(block, index * SIZE);
    }

    /** Reads inode {@code index} of a table block; a kind code no {@link Kind} has reads as null kind. */
    static Inode decode(byte[] block, int index) {
        int at = index * SIZE;
        int[] direct = new int[DIRECT];
        for (int i = 0; i < DIRECT; i++) {
            direct[i] = Bytes.getInt(block, at + 16 + 4 * i);
        }
        return new Inode(Kind.of(Bytes.getShort(block, at)), Bytes.getShort(block, at + 2), Bytes.getInt(block, at + 4),
                Bytes.getLong(block, at + 8), direct, Bytes.getInt(block, at + 56), Bytes.getInt(block, at + 60));
    }

    void encode(byte[] block, int index) {
        int at = index * SIZE;
        Bytes.putShort(block, at, kind.ordinal());
        Bytes.putShort(block, at + 2, links);
        Bytes.putInt(block, at + 4, generation);
        Bytes.putLong(block, at + 8, size);
        for (int i = 0; i < DIRECT; i++) {
            Bytes.putInt(block, at + 16 + 4 * i, direct[i]);
        }
        Bytes.putInt(block, at + 56, indirect);
        Bytes.putInt(block, at + 60, doubleIndirect);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Inode i && kind == i.kind && links == i.links && generation == i.generation && size == i.size
                && Arrays.equals(direct, i.direct) && indirect == i.indirect && doubleIndirect == i.doubleIndirect;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(direct) * 31 + Long.hashCode(size) + generation;
    }

    @Override
    public String toString() {
        return kind + " links=" + links + " size=" + size;
    }
}
