package singj.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static singj.fs.FileSystemTest.MIB;
import static singj.fs.FileSystemTest.pattern;
import static singj.fs.FileSystemTest.readAll;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import singj.fs.FileSystem.Node;

/**
 * Blocks move between the file system and its disk in runs: a read asks for the consecutive
 * blocks it misses in one request (and a sequential one for the blocks after it), a commit writes
 * the journal and the home blocks in runs; the cache of clean blocks is bounded by its bytes.
 * What is read is always what was written, whatever the cache and the dirty blocks hold.
 */
class BlockRunsTest {
    private static final int BLOCK = Superblock.BLOCK_SIZE;

    /** A file of {@code bytes} written and synced on a fresh disk, then the disk mounted again with a cold cache. */
    private static FileSystem withFile(MemoryDisk disk, byte[] bytes, long cacheBytes) throws DamagedException {
        FileSystem fs = FileSystemTest.fresh(disk);
        Quota q = Quota.unlimited();
        Node f = fs.create(fs.root(), "f", Inode.Kind.FILE, q);
        fs.write(f, 0, bytes, 0, bytes.length, q);
        fs.sync();
        return FileSystem.mount(disk, cacheBytes);
    }

    @Test
    void aSequentialReadOfAFileAsksTheDiskForRunsNotBlocks() throws Exception {
        MemoryDisk disk = new MemoryDisk(16 * MIB / 512);
        byte[] data = pattern((int) MIB, 1);
        FileSystem fs = withFile(disk, data, FileSystem.DEFAULT_CACHE_BYTES);
        Node f = fs.lookup(fs.root(), "f");
        int before = disk.reads;
        byte[] back = new byte[data.length];
        for (int at = 0; at < data.length; at += 8192) { // as a BufferedInputStream reads
            assertEquals(8192, fs.read(f, at, back, at, 8192));
        }
        assertArrayEquals(data, back);
        int requests = disk.reads - before;
        // 256 blocks, broken where the indirect block lies between them: read-ahead of 32 blocks
        assertTrue(requests <= 256 / FileSystem.READ_AHEAD_BLOCKS + 4, "a 1 MiB file took " + requests + " disk requests");
        assertTrue(disk.runReads >= requests - 2, disk.runReads + " of " + requests + " requests were runs");
        int again = disk.reads;
        assertArrayEquals(data, readAll(fs, f));
        assertEquals(again, disk.reads, "a file smaller than the cache is read from the cache the second time");
    }

    @Test
    void aRandomReadBringsOnlyItsOwnBlocks() throws Exception {
        MemoryDisk disk = new MemoryDisk(16 * MIB / 512);
        byte[] data = pattern((int) MIB, 2);
        FileSystem fs = withFile(disk, data, FileSystem.DEFAULT_CACHE_BYTES);
        Node f = fs.lookup(fs.root(), "f");
        byte[] back = new byte[3 * BLOCK];
        assertEquals(back.length, fs.read(f, 100L * BLOCK + 10, back, 0, back.length));
        assertArrayEquals(Arrays.copyOfRange(data, 100 * BLOCK + 10, 103 * BLOCK + 10), back);
        // the reads before: the inode, the indirect block; then the 4 blocks the read spans, in one request
        int requests = disk.reads;
        byte[] next = new byte[BLOCK];
        fs.read(f, 200L * BLOCK, next, 0, BLOCK);
        assertEquals(requests + 1, disk.reads, "a read far from the last one: one request, its own block");
        fs.read(f, 203L * BLOCK, next, 0, BLOCK);
        assertEquals(requests + 2, disk.reads, "no read-ahead was done for a read that did not follow on");
        assertArrayEquals(Arrays.copyOfRange(data, 203 * BLOCK, 204 * BLOCK), next);
    }

    @Test
    void changedBlocksNotYetCommittedWinOverTheDiskInARunAndItsReadAhead() throws Exception {
        MemoryDisk disk = new MemoryDisk(16 * MIB / 512);
        byte[] data = pattern(64 * BLOCK, 3);
        FileSystem fs = withFile(disk, data, FileSystem.DEFAULT_CACHE_BYTES);
        Node f = fs.lookup(fs.root(), "f");
        Quota q = Quota.unlimited();
        byte[] changed = pattern(BLOCK + 100, 4);
        // not synced: the new bytes are only in memory, the disk holds the old ones
        fs.write(f, 5L * BLOCK + 7, changed, 0, changed.length, q);
        fs.write(f, 40L * BLOCK, changed, 0, 10, q);
        System.arraycopy(changed, 0, data, 5 * BLOCK + 7, changed.length);
        System.arraycopy(changed, 0, data, 40 * BLOCK, 10);
        byte[] head = new byte[2 * BLOCK]; // a read whose read-ahead runs into the changed blocks
        fs.read(f, 0, head, 0, head.length);
        assertArrayEquals(Arrays.copyOf(data, 2 * BLOCK), head);
        assertArrayEquals(data, readAll(fs, f));
    }

    @Test
    void theCacheHoldsNoMoreThanItsBytes() throws Exception {
        MemoryDisk disk = new MemoryDisk(16 * MIB / 512);
        byte[] data = pattern((int) (2 * MIB), 5);
        FileSystem fs = withFile(disk, data, FileSystem.MIN_CACHE_BYTES);
        Node f = fs.lookup(fs.root(), "f");
        assertArrayEquals(data, readAll(fs, f));
        int before = disk.reads;
        assertArrayEquals(data, readAll(fs, f));
        int requests = disk.reads - before;
        assertTrue(requests >= 2 * MIB / FileSystem.MIN_CACHE_BYTES,
                "a cache of 256 KiB cannot hold a file of 2 MiB: the second read went to the disk " + requests + " times");
        IllegalArgumentException small = assertThrows(IllegalArgumentException.class,
                () -> FileSystem.mount(disk, FileSystem.MIN_CACHE_BYTES - 1));
        assertTrue(small.getMessage().contains("a block cache of 262143 bytes is too small (at least 262144"), small.getMessage());
    }

    @Test
    void blocksAllocatedForAWriteAreNotReadFromTheDisk() throws Exception {
        MemoryDisk disk = new MemoryDisk(16 * MIB / 512);
        FileSystem.mkfs(disk);
        FileSystem fs = FileSystem.mount(disk);
        Quota q = Quota.unlimited();
        Node f = fs.create(fs.root(), "f", Inode.Kind.FILE, q);
        int before = disk.reads;
        byte[] data = pattern(100 * BLOCK + 5, 7);
        fs.write(f, 0, data, 0, data.length, q);
        assertTrue(disk.reads - before <= 2, "writing 101 new blocks read the disk " + (disk.reads - before) + " times");
        assertArrayEquals(data, readAll(fs, f));
        fs.sync();
        assertArrayEquals(data, readAll(FileSystem.mount(disk), f));
    }

    @Test
    void aCommitWritesTheJournalAndTheHomeBlocksInRuns() throws Exception {
        MemoryDisk disk = new MemoryDisk(16 * MIB / 512);
        FileSystem fs = FileSystemTest.fresh(disk);
        Quota q = Quota.unlimited();
        Node f = fs.create(fs.root(), "f", Inode.Kind.FILE, q);
        byte[] data = pattern(200 * BLOCK, 6);
        fs.write(f, 0, data, 0, data.length, q);
        int writes = disk.writes;
        fs.sync();
        int requests = disk.writes - writes;
        // 200 data blocks, an indirect block, the inode, the bitmap, the root's directory block:
        // the journal's copy in 4 runs of at most 64, its header, their homes in a few runs, the header again
        assertTrue(requests <= 16, "a commit of 204 blocks took " + requests + " writes");
        assertArrayEquals(data, readAll(FileSystem.mount(disk.lostUnflushed()), f));
        FileSystemTest.assertClean(disk);
    }
}
