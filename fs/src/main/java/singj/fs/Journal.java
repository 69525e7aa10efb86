package singj.fs;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The write-ahead journal: a header block, then up to {@link #MAX_CAPACITY} data blocks. A
 * transaction is a set of whole blocks; it reaches their home locations only through here:
 *
 * <ol>
 * <li>the new contents go to the journal's data blocks, then the header naming their home
 *     blocks, with a checksum over the header and every data block; then a flush. From the end of
 *     this flush the transaction is committed: a crash after it is replayed at mount.
 * <li>the blocks are written home, and flushed;
 * <li>the header is rewritten with no blocks, and flushed, before the next transaction may write
 *     the journal's data blocks.
 * </ol>
 *
 * The header is written after the data, so a crash of the writer (whose writes reach the host's
 * cache in order) never leaves a header over data it does not describe; a header whose checksum
 * does not match is damage (the disk or the host lost writes): a <em>torn record</em>, whose
 * transaction was never acknowledged and is not replayed.
 *
 * <pre>
 * header: 0 magic "SJNL" (u32)  4 count (u32)  8 sequence (u64)  16 checksum (u32)  20 home blocks (u32 each)
 * </pre>
 */
public final class Journal {
    static final int MAGIC = 0x4c4e4a53;
    public static final int MIN_CAPACITY = 80;
    public static final int MAX_CAPACITY = (Superblock.BLOCK_SIZE - 20) / 4;

    /** What the journal's header says. */
    public sealed interface State {}

    /** No transaction waiting: the last one was installed. */
    public record Empty(long sequence) implements State {}

    /** A committed transaction not yet (or not surely) installed at its home blocks. */
    public record Committed(long sequence, List<Integer> homes, List<byte[]> contents) implements State {}

    /** The header is damaged: its magic is wrong, its count too large, or the checksum fails. */
    public record Torn(String why) implements State {}

    private final Disk disk;
    private final Superblock sb;
    private long sequence;

    Journal(Disk disk, Superblock sb, long sequence) {
        this.disk = disk;
        this.sb = sb;
        this.sequence = sequence;
    }

    public int capacity() {
        return sb.journalBlocks() - 1;
    }

    /** Commits and installs {@code blocks} (home block to contents), returning once they are home and durable. */
    void commit(Map<Long, byte[]> blocks) {
        if (blocks.isEmpty()) {
            return;
        }
        if (blocks.size() > capacity()) {
            throw new IllegalStateException("a transaction of " + blocks.size() + " blocks exceeds the journal's " + capacity());
        }
        sequence++;
        List<Integer> homes = new ArrayList<>();
        List<byte[]> contents = new ArrayList<>();
        for (Map.Entry<Long, byte[]> e : blocks.entrySet()) {
            homes.add((int) (long) e.getKey());
            contents.add(e.getValue());
        }
        byte[][] all = contents.toArray(new byte[0][]);
        for (int i = 0; i < all.length; i += Blocks.MAX_RUN) {
            Blocks.writeRun(disk, sb.journalStart() + 1 + i, java.util.Arrays.copyOfRange(all, i, all.length),
                    Math.min(Blocks.MAX_RUN, all.length - i));
        }
        Blocks.write(disk, sb.journalStart(), header(sequence, homes, contents));
        disk.flush();
        install(homes, contents);
    }

    /** Writes every block home, in runs of consecutive home blocks, then flushes. */
    private void install(List<Integer> homes, List<byte[]> contents) {
        Integer[] order = new Integer[homes.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        // stable: a home named twice (only a damaged record does) gets its later copy last, as in order
        java.util.Arrays.sort(order, java.util.Comparator.comparingInt(homes::get));
        byte[][] run = new byte[Math.min(Blocks.MAX_RUN, order.length)][];
        for (int i = 0; i < order.length; ) {
            int first = homes.get(order[i]);
            int n = 0;
            while (i < order.length && n < Blocks.MAX_RUN && homes.get(order[i]) == first + n) {
                run[n++] = contents.get(order[i++]);
            }
            Blocks.writeRun(disk, first, run, n);
        }
        disk.flush();
        Blocks.write(disk, sb.journalStart(), header(sequence, List.of(), List.of()));
        disk.flush();
    }

    /** Reads the header (and, for a committed transaction, its blocks) without changing the disk. */
    static State read(Disk disk, Superblock sb) {
        byte[] h = Blocks.read(disk, sb.journalStart());
        int magic = Bytes.getInt(h, 0);
        if (magic != MAGIC) {
            return new Torn("journal header (block " + sb.journalStart() + "): wrong magic number 0x"
                    + Integer.toHexString(magic));
        }
        int count = Bytes.getInt(h, 4);
        long sequence = Bytes.getLong(h, 8);
        if (count < 0 || count > sb.journalBlocks() - 1) {
            return new Torn("journal header (block " + sb.journalStart() + "): a record of " + count
                    + " blocks, the journal holds at most " + (sb.journalBlocks() - 1));
        }
        List<Integer> homes = new ArrayList<>();
        byte[][] blocks = new byte[count][];
        for (int i = 0; i < count; i++) {
            homes.add(Bytes.getInt(h, 20 + 4 * i));
            blocks[i] = new byte[Superblock.BLOCK_SIZE];
        }
        for (int i = 0; i < count; i += Blocks.MAX_RUN) {
            Blocks.readRun(disk, sb.journalStart() + 1 + i, java.util.Arrays.copyOfRange(blocks, i, count),
                    Math.min(Blocks.MAX_RUN, count - i));
        }
        List<byte[]> contents = List.of(blocks);
        int stored = Bytes.getInt(h, 16);
        int computed = checksum(h, sequence, homes, contents);
        if (stored != computed) {
            return new Torn("journal record " + sequence + " (block " + sb.journalStart() + ", " + count
                    + " blocks): torn, its checksum 0x" + Integer.toHexString(stored) + " does not match 0x"
                    + Integer.toHexString(computed) + "; the transaction was never acknowledged and is not replayed");
        }
        for (int i = 0; i < count; i++) {
            int home = homes.get(i);
            if (home < sb.inodeStart() || home >= sb.blocks()) {
                return new Torn("journal record " + sequence + ": block " + i + " goes to block " + home
                        + ", outside the inode table, bitmap and data (" + sb.inodeStart() + " to " + (sb.blocks() - 1) + ")");
            }
        }
        return count == 0 ? new Empty(sequence) : new Committed(sequence, homes, contents);
    }

    /** Installs a committed transaction found at mount (again: installing twice is harmless) and empties the journal. */
    void replay(Committed committed) {
        sequence = committed.sequence();
        install(committed.homes(), committed.contents());
    }

    /** Writes an empty header: mkfs, and fsck's repair of a torn record. */
    static void reset(Disk disk, Superblock sb, long sequence) {
        Blocks.write(disk, sb.journalStart(), header(sequence, List.of(), List.of()));
    }

    private static byte[] header(long sequence, List<Integer> homes, List<byte[]> contents) {
        byte[] h = new byte[Superblock.BLOCK_SIZE];
        Bytes.putInt(h, 0, MAGIC);
        Bytes.putInt(h, 4, homes.size());
        Bytes.putLong(h, 8, sequence);
        for (int i = 0; i < homes.size(); i++) {
            Bytes.putInt(h, 20 + 4 * i, homes.get(i));
        }
        Bytes.putInt(h, 16, checksum(h, sequence, homes, contents));
        return h;
    }

    private static int checksum(byte[] header, long sequence, List<Integer> homes, List<byte[]> contents) {
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(header, 0, 16);
        crc.update(header, 20, 4 * homes.size());
        for (byte[] c : contents) {
            crc.update(c, 0, c.length);
        }
        return (int) crc.getValue();
    }
}
