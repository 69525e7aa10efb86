package singj.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import singj.fs.FileSystem.Node;

class FileSystemTest {
    static final long MIB = 1 << 20;

    static FileSystem fresh(MemoryDisk disk) throws DamagedException {
        FileSystem.mkfs(disk);
        return FileSystem.mount(disk);
    }

    static byte[] pattern(int length, long seed) {
        byte[] b = new byte[length];
        new Random(seed).nextBytes(b);
        return b;
    }

    static byte[] readAll(FileSystem fs, Node file) {
        byte[] b = new byte[(int) fs.stat(file).size()];
        assertEquals(b.length, fs.read(file, 0, b, 0, b.length));
        return b;
    }

    static void assertClean(Disk disk) {
        Fsck.Report r = Fsck.check(disk);
        assertTrue(r.clean(), () -> "fsck: " + r.problems());
    }

    @Test
    void anEmptyFileSystemMountsCleanWithAnEmptyRoot() throws Exception {
        MemoryDisk disk = new MemoryDisk(4 * MIB / 512);
        FileSystem fs = fresh(disk);
        assertEquals("clean", fs.recovery());
        assertNull(fs.readOnly());
        assertTrue(fs.list(fs.root()).isEmpty());
        assertClean(disk);
    }

    @Test
    void filesRoundTripThroughDirectIndirectAndDoubleIndirectBlocks() throws Exception {
        MemoryDisk disk = new MemoryDisk(16 * MIB / 512);
        FileSystem fs = fresh(disk);
        Quota q = Quota.unlimited();
        Node dir = fs.create(fs.root(), "d", Inode.Kind.DIRECTORY, q);
        Node small = fs.create(dir, "small", Inode.Kind.FILE, q);
        Node big = fs.create(dir, "big", Inode.Kind.FILE, q);
        byte[] s = pattern(5000, 1);
        byte[] b = pattern((int) (5 * MIB), 2); // past 10 + 1024 blocks: the double-indirect block is used
        fs.write(small, 0, s, 0, s.length, q);
        fs.write(big, 0, b, 0, b.length, q);
        assertArrayEquals(s, readAll(fs, small));
        assertArrayEquals(b, readAll(fs, big));
        fs.sync();
        FileSystem again = FileSystem.mount(disk);
        Node d2 = again.walk(again.root(), Paths.split("d"));
        assertArrayEquals(b, readAll(again, again.lookup(d2, "big")));
        assertEquals(List.of("small", "big"), again.list(d2).stream().map(DirEntry::name).toList());
        assertClean(disk);
    }

    @Test
    void holesReadAsZerosAndTruncateFreesAndZeroes() throws Exception {
        MemoryDisk disk = new MemoryDisk(4 * MIB / 512);
        FileSystem fs = fresh(disk);
        Quota q = Quota.unlimited();
        long free = fs.freeBlocks();
        Node f = fs.create(fs.root(), "f", Inode.Kind.FILE, q);
        fs.write(f, 100_000, new byte[] {7}, 0, 1, q);
        byte[] all = readAll(fs, f);
        assertEquals(100_001, all.length);
        assertEquals(0, all[5000]);
        assertEquals(7, all[100_000]);
        fs.write(f, 0, pattern(8192, 3), 0, 8192, q);
        fs.truncate(f, 10, q);
        fs.truncate(f, 9000, q);
        byte[] grown = readAll(fs, f);
        assertEquals(0, grown[10]);
        assertEquals(0, grown[8191]);
        fs.truncate(f, 0, q);
        assertEquals(free - 1, fs.freeBlocks()); // only the root directory's block is left of what was allocated
        fs.sync();
        assertClean(disk);
    }

    @Test
    void renameReplacesAtomicallyAndADirectoryCannotMoveIntoItself() throws Exception {
        MemoryDisk disk = new MemoryDisk(4 * MIB / 512);
        FileSystem fs = fresh(disk);
        Quota q = Quota.unlimited();
        Node a = fs.create(fs.root(), "a", Inode.Kind.FILE, q);
        Node b = fs.create(fs.root(), "b", Inode.Kind.FILE, q);
        fs.write(a, 0, new byte[] {1, 2, 3}, 0, 3, q);
        fs.write(b, 0, new byte[] {9}, 0, 1, q);
        fs.rename(fs.root(), "a", fs.root(), "b", q);
        assertArrayEquals(new byte[] {1, 2, 3}, readAll(fs, fs.lookup(fs.root(), "b")));
        FsException stale = assertThrows(FsException.class, () -> fs.stat(b));
        assertEquals("stale", stale.error());
        Node d = fs.create(fs.root(), "d", Inode.Kind.DIRECTORY, q);
        Node inner = fs.create(d, "inner", Inode.Kind.DIRECTORY, q);
        assertEquals("bad-path", assertThrows(FsException.class, () -> fs.rename(fs.root(), "d", inner, "x", q)).error());
        fs.rename(fs.root(), "b", inner, "moved", q);
        assertEquals(List.of("d"), fs.list(fs.root()).stream().map(DirEntry::name).toList());
        assertEquals("not-empty", assertThrows(FsException.class, () -> fs.delete(fs.root(), "d", q)).error());
        fs.sync();
        assertClean(disk);
    }

    @Test
    void pathsCannotLeaveTheirDirectory() {
        for (String bad : List.of("/etc", "..", "a/../b", "a//b", "./a", "a/", "x\u0000y", "n".repeat(60))) {
            FsException e = assertThrows(FsException.class, () -> Paths.split(bad), bad);
            assertEquals("bad-path", e.error(), bad);
        }
        assertEquals(List.of("a", "b"), Paths.split("a/b"));
        assertEquals(List.of(), Paths.split(""));
        assertNull(DirEntry.nameProblem("n".repeat(DirEntry.MAX_NAME)));
    }

    @Test
    void aFullDiskSaysSoAndLosesNothingWritten() throws Exception {
        MemoryDisk disk = new MemoryDisk(2 * MIB / 512);
        FileSystem fs = fresh(disk);
        Quota q = Quota.unlimited();
        Node keep = fs.create(fs.root(), "keep", Inode.Kind.FILE, q);
        byte[] kept = pattern(20_000, 4);
        fs.write(keep, 0, kept, 0, kept.length, q);
        fs.sync();
        Node fill = fs.create(fs.root(), "fill", Inode.Kind.FILE, q);
        byte[] chunk = pattern(64 * 1024, 5);
        long written = 0;
        FsException full = null;
        while (full == null) {
            try {
                fs.write(fill, written, chunk, 0, chunk.length, q);
                written += chunk.length;
            } catch (FsException e) {
                full = e;
            }
        }
        assertEquals("no-space", full.error());
        assertTrue(full.getMessage().contains("the disk is full"), full.getMessage());
        assertEquals(written, fs.stat(fill).size(), "the failed step left nothing of itself");
        fs.sync();
        assertArrayEquals(kept, readAll(FileSystem.mount(disk), FileSystem.mount(disk).lookup(FileSystem.mount(disk).root(), "keep")));
        assertClean(disk);
        fs.delete(fs.root(), "fill", q);
        fs.write(fs.create(fs.root(), "after", Inode.Kind.FILE, q), 0, chunk, 0, chunk.length, q);
        fs.sync();
        assertClean(disk);
    }

    @Test
    void aQuotaStopsOneClientAndIsGivenBackOnDelete() throws Exception {
        MemoryDisk disk = new MemoryDisk(4 * MIB / 512);
        FileSystem fs = fresh(disk);
        Quota q = new Quota(10 * Superblock.BLOCK_SIZE, 3);
        Node f = fs.create(fs.root(), "f", Inode.Kind.FILE, q);
        FsException over = assertThrows(FsException.class,
                () -> fs.write(f, 0, new byte[20 * Superblock.BLOCK_SIZE], 0, 20 * Superblock.BLOCK_SIZE, q));
        assertEquals("quota", over.error());
        assertEquals(0, fs.stat(f).size());
        fs.create(fs.root(), "g", Inode.Kind.FILE, q);
        fs.create(fs.root(), "h", Inode.Kind.FILE, q);
        assertEquals("quota", assertThrows(FsException.class, () -> fs.create(fs.root(), "i", Inode.Kind.FILE, q)).error());
        fs.delete(fs.root(), "h", q);
        assertNotNull(fs.create(fs.root(), "i", Inode.Kind.FILE, q));
        fs.sync();
        assertClean(disk);
    }

    /** What df shows: free blocks and inodes follow creates, writes, a refused write and deletes, and match a fresh mount's count. */
    @Test
    void freeBlocksAndInodesFollowEveryChangeAndARefusedOneChangesNeither() throws Exception {
        MemoryDisk disk = new MemoryDisk(4 * MIB / 512);
        FileSystem fs = fresh(disk);
        long blocks = fs.freeBlocks();
        long inodes = fs.freeInodes();
        assertEquals(fs.inodes() - 1, inodes, "only the root is in use");
        assertTrue(blocks > 0 && blocks <= fs.dataBlocks());
        Quota q = new Quota(8 * Superblock.BLOCK_SIZE, 10);
        Node f = fs.create(fs.root(), "f", Inode.Kind.FILE, q);
        fs.write(f, 0, new byte[3 * Superblock.BLOCK_SIZE], 0, 3 * Superblock.BLOCK_SIZE, q);
        assertEquals(inodes - 1, fs.freeInodes());
        long afterWrite = fs.freeBlocks();
        assertEquals(blocks - 4, afterWrite, "three data blocks and the root's first directory block");
        assertEquals("quota", assertThrows(FsException.class,
                () -> fs.write(f, 0, new byte[20 * Superblock.BLOCK_SIZE], 0, 20 * Superblock.BLOCK_SIZE, q)).error());
        assertEquals(afterWrite, fs.freeBlocks(), "a refused write gives back what it took");
        assertEquals(inodes - 1, fs.freeInodes());
        assertEquals(4 * Superblock.BLOCK_SIZE, q.bytes());
        assertEquals(1, q.files());
        fs.sync();
        FileSystem again = FileSystem.mount(disk);
        assertEquals(afterWrite, again.freeBlocks());
        assertEquals(inodes - 1, again.freeInodes());
        fs.delete(fs.root(), "f", q);
        assertEquals(inodes, fs.freeInodes());
        assertEquals(blocks - 1, fs.freeBlocks(), "the directory block stays with the root");
    }

    @Test
    void syncedWritesSurviveACrashAndUnsyncedOperationsVanishWhole() throws Exception {
        MemoryDisk disk = new MemoryDisk(4 * MIB / 512);
        FileSystem fs = fresh(disk);
        Quota q = Quota.unlimited();
        Node f = fs.create(fs.root(), "synced", Inode.Kind.FILE, q);
        byte[] data = pattern(30_000, 6);
        fs.write(f, 0, data, 0, data.length, q);
        fs.sync();
        fs.write(fs.create(fs.root(), "unsynced", Inode.Kind.FILE, q), 0, data, 0, 100, q);
        MemoryDisk after = disk.lostUnflushed();
        FileSystem back = FileSystem.mount(after);
        assertArrayEquals(data, readAll(back, back.lookup(back.root(), "synced")));
        assertEquals(List.of("synced"), back.list(back.root()).stream().map(DirEntry::name).toList());
        assertClean(after);
    }

    /**
     * The workload stopped at every write it makes, the disk then taken both as the writes left it
     * (a killed process: the host kept them) and as its last flush left it (a power cut): each
     * mounts, fsck finds it clean, and everything synced before the stop is there.
     */
    @Test
    void aCrashAtAnyWriteLeavesAConsistentDiskWithEverySyncedByte() throws Exception {
        crashAtEveryWrite(0);
    }

    /**
     * As above, each run of blocks written in one request torn in its middle: the driver killed
     * after half of a multi-block write reached the disk.
     */
    @Test
    void aCrashInTheMiddleOfAMultiBlockWriteLeavesAConsistentDiskWithEverySyncedByte() throws Exception {
        crashAtEveryWrite(3);
    }

    private static void crashAtEveryWrite(int landedOfFailingRun) throws Exception {
        MemoryDisk template = new MemoryDisk(2 * MIB / 512);
        FileSystem.mkfs(template);
        MemoryDisk whole = template.copy();
        int total = workload(whole, Integer.MAX_VALUE, new int[1]);
        assertTrue(total > 50, "the workload writes " + total + " times");
        assertTrue(whole.runWrites > 20, "runs of blocks are written in one request: " + whole.runWrites);
        for (int stop = 0; stop < total; stop++) {
            MemoryDisk disk = template.copy();
            disk.failAfterWrites = disk.writes + stop;
            disk.landedOfFailingRun = landedOfFailingRun;
            int[] synced = new int[1];
            workload(disk, stop, synced);
            for (MemoryDisk after : List.of(disk.copy(), disk.lostUnflushed())) {
                int s = synced[0];
                FileSystem back = FileSystem.mount(after);
                assertClean(after);
                for (int i = 0; i < s; i++) {
                    Node f = back.lookup(back.root(), "f" + i);
                    assertArrayEquals(pattern(3000 * (i + 1), i), readAll(back, f), "stop " + stop + " file " + i);
                }
            }
        }
    }

    /** Creates, appends, renames and deletes, syncing after each file; counts the files whose sync returned. */
    private static int workload(MemoryDisk disk, int stop, int[] synced) throws DamagedException {
        FileSystem fs;
        try {
            fs = FileSystem.mount(disk);
        } catch (DiskException e) {
            return disk.writes;
        }
        Quota q = Quota.unlimited();
        try {
            for (int i = 0; i < 12; i++) {
                Node tmp = fs.create(fs.root(), "tmp", Inode.Kind.FILE, q);
                byte[] data = pattern(3000 * (i + 1), i);
                fs.write(tmp, 0, data, 0, 1000, q);
                fs.write(tmp, 1000, data, 1000, data.length - 1000, q);
                fs.rename(fs.root(), "tmp", fs.root(), "f" + i, q);
                if (i % 3 == 2) {
                    Node gone = fs.create(fs.root(), "gone", Inode.Kind.FILE, q);
                    fs.write(gone, 0, data, 0, data.length, q);
                    fs.delete(fs.root(), "gone", q);
                }
                fs.sync();
                synced[0] = i + 1;
            }
        } catch (FsException e) {
            // the disk stopped: what follows is the crash
        }
        return disk.writes;
    }
}
