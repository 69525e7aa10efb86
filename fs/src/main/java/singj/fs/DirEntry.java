package singj.fs;

import java.nio.charset.StandardCharsets;

/**
 * A directory's contents are entries of {@link #SIZE} bytes: the inode number (u32, 0 for an
 * empty slot), the name's length in bytes (u8), then the name in UTF-8. A directory has no
 * {@code .} or {@code ..} entries: nothing walks up a tree, so nothing can walk out of one.
 */
public record DirEntry(int inode, String name) {
    public static final int SIZE = 64;
    public static final int PER_BLOCK = Superblock.BLOCK_SIZE / SIZE;
    public static final int MAX_NAME = SIZE - 5;

    /** Why {@code name} cannot name a file, or null: the checks every name passes on its way to the disk. */
    public static String nameProblem(String name) {
        if (name.isEmpty()) {
            return "an empty name";
        }
        if (name.equals(".") || name.equals("..")) {
            return "'" + name + "' is not a name here (no path leaves or re-enters a directory)";
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c == '/' || c < 0x20 || c == 0x7f) {
                return "'" + printable(name) + "' has a " + (c == '/' ? "'/'" : "control character") + " at " + i;
            }
        }
        int bytes = name.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_NAME) {
            return "a name of " + bytes + " bytes is too long (at most " + MAX_NAME + ")";
        }
        return null;
    }

    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < Math.min(s.length(), 80); i++) {
            char c = s.charAt(i);
            b.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return s.length() > 80 ? b + "..." : b.toString();
    }

    /** The entry in slot {@code slot} of a directory block, or null if the slot is empty. The name is not checked. */
    static DirEntry decode(byte[] block, int slot) {
        int at = slot * SIZE;
        int inode = Bytes.getInt(block, at);
        if (inode == 0) {
            return null;
        }
        int length = Math.min(block[at + 4] & 0xff, MAX_NAME);
        return new DirEntry(inode, new String(block, at + 5, length, StandardCharsets.UTF_8));
    }

    /**
     * The inode of slot {@code slot} of a directory block if its name is {@code name} (the name's
     * UTF-8 bytes), else 0: a lookup compares bytes, without making a String of every name it passes.
     */
    static int inodeIfNamed(byte[] block, int slot, byte[] name) {
        int at = slot * SIZE;
        int inode = Bytes.getInt(block, at);
        if (inode == 0 || (block[at + 4] & 0xff) != name.length || name.length > MAX_NAME) {
            return 0;
        }
        return java.util.Arrays.equals(block, at + 5, at + 5 + name.length, name, 0, name.length) ? inode : 0;
    }

    void encode(byte[] block, int slot) {
        int at = slot * SIZE;
        byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
        java.util.Arrays.fill(block, at, at + SIZE, (byte) 0);
        Bytes.putInt(block, at, inode);
        block[at + 4] = (byte) bytes.length;
        System.arraycopy(bytes, 0, block, at + 5, bytes.length);
    }

    static void clear(byte[] block, int slot) {
        java.util.Arrays.fill(block, slot * SIZE, (slot + 1) * SIZE, (byte) 0);
    }
}
