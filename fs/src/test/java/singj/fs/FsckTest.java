package singj.fs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import singj.fs.FileSystem.Node;

/** Damage planted in a file system: fsck names it and where, repair leaves a clean disk, mount refuses or mounts read-only. */
class FsckTest {
    private MemoryDisk disk;
    private Superblock sb;
    private int fileInode;

    @BeforeEach
    void aSmallTree() throws Exception {
        disk = new MemoryDisk(4 * FileSystemTest.MIB / 512);
        FileSystem fs = FileSystemTest.fresh(disk);
        Quota q = Quota.unlimited();
        Node d = fs.create(fs.root(), "dir", Inode.Kind.DIRECTORY, q);
        Node f = fs.create(d, "file", Inode.Kind.FILE, q);
        fs.write(f, 0, FileSystemTest.pattern(50_000, 1), 0, 50_000, q);
        fs.sync();
        sb = fs.superblock();
        fileInode = f.inode();
        FileSystemTest.assertClean(disk);
    }

    private Fsck.Problem onlyProblem(Fsck.Kind kind, String text) {
        Fsck.Report r = Fsck.check(disk);
        assertFalse(r.clean(), "fsck found nothing");
        Fsck.Problem p = r.problems().stream().filter(x -> x.kind() == kind).findFirst().orElse(null);
        assertNotNull(p, () -> "no " + kind + " problem in " + r.problems());
        assertTrue(p.toString().contains(text), p::toString);
        return p;
    }

    private void repairedClean() {
        Fsck.Report r = Fsck.repair(disk);
        assertTrue(r.repaired());
        FileSystemTest.assertClean(disk);
    }

    private void patchInode(int n, java.util.function.UnaryOperator<Inode> change) {
        long block = sb.inodeStart() + n / Inode.PER_BLOCK;
        byte[] b = disk.block(block);
        change.apply(Inode.decode(b, n % Inode.PER_BLOCK)).encode(b, n % Inode.PER_BLOCK);
        disk.putBlock(block, b);
    }

    @Test
    void aWrongMagicNumberIsNamedAndRefusedAtMount() {
        byte[] b = disk.block(0);
        b[0] ^= 1;
        disk.putBlock(0, b);
        assertTrue(onlyProblem(Fsck.Kind.SUPERBLOCK, "wrong magic number").what().contains("not a SingJ file system"));
        DamagedException e = assertThrows(DamagedException.class, () -> FileSystem.mount(disk));
        assertTrue(e.getMessage().contains("superblock (block 0): wrong magic number"), e.getMessage());
    }

    @Test
    void aDamagedSuperblockFailsItsChecksum() {
        byte[] b = disk.block(0);
        b[13] ^= 4; // the block count
        disk.putBlock(0, b);
        onlyProblem(Fsck.Kind.SUPERBLOCK, "checksum");
        assertThrows(DamagedException.class, () -> FileSystem.mount(disk));
    }

    @Test
    void aTruncatedImageIsNamed() {
        MemoryDisk cut = new MemoryDisk(Arrays.copyOf(disk.bytes, disk.bytes.length / 2));
        Fsck.Report r = Fsck.check(cut);
        assertTrue(r.problems().getFirst().what().contains("the image is truncated"), r.problems().toString());
        DamagedException e = assertThrows(DamagedException.class, () -> FileSystem.mount(cut));
        assertTrue(e.getMessage().contains("blocks but the disk only"), e.getMessage());
        assertFalse(Fsck.check(new MemoryDisk(new byte[700 / 512 * 512])).mountable());
    }

    @Test
    void aTornJournalRecordIsNamedMountsReadOnlyAndRepairClearsIt() throws Exception {
        // a committed record, then one of its data blocks damaged: the checksum over the record fails
        byte[] header = disk.block(sb.journalStart());
        Bytes.putInt(header, 4, 1);
        Bytes.putInt(header, 20, sb.dataStart() + 5);
        disk.putBlock(sb.journalStart(), header);
        Fsck.Problem p = onlyProblem(Fsck.Kind.JOURNAL, "torn");
        assertTrue(p.what().contains("is not replayed"), p.what());
        FileSystem fs = FileSystem.mount(disk);
        assertNotNull(fs.readOnly());
        assertTrue(fs.readOnly().contains("torn"), fs.readOnly());
        FsException e = assertThrows(FsException.class,
                () -> fs.create(fs.root(), "x", Inode.Kind.FILE, Quota.unlimited()));
        assertEquals("read-only", e.error());
        assertEquals(1, fs.list(fs.root()).size(), "a read-only file system is still readable");
        repairedClean();
        org.junit.jupiter.api.Assertions.assertNull(FileSystem.mount(disk).readOnly());
    }

    @Test
    void aCommittedTransactionIsNotDamageAndRepairInstallsIt() throws Exception {
        FileSystem fs = FileSystem.mount(disk);
        Node f = fs.create(fs.root(), "late", Inode.Kind.FILE, Quota.unlimited());
        fs.write(f, 0, new byte[] {5}, 0, 1, Quota.unlimited());
        MemoryDisk stopped = stopAfterCommitPoint(fs);
        Fsck.Report r = Fsck.check(stopped);
        assertTrue(r.clean(), r.problems().toString());
        assertTrue(r.notes().getFirst().contains("committed transaction"), r.notes().toString());
        FileSystem back = FileSystem.mount(stopped);
        assertTrue(back.recovery().startsWith("replayed journal transaction"), back.recovery());
        assertEquals(1, back.stat(back.lookup(back.root(), "late")).size());
    }

    /** Syncs with the disk failing at the first write home: the disk as the commit point left it. */
    private MemoryDisk stopAfterCommitPoint(FileSystem fs) {
        int before = disk.flushes;
        disk.failAfterWrites = -1;
        // count the journal writes of this commit: the blocks pending, in runs, then the header
        int pending = fs.pendingBlocks();
        disk.failAfterWrites = disk.writes + (pending + Blocks.MAX_RUN - 1) / Blocks.MAX_RUN + 1;
        assertThrows(FsException.class, fs::sync);
        assertEquals(before + 1, disk.flushes, "the commit's flush ran, then the first write home failed");
        return disk.copy();
    }

    @Test
    void aPointerOutsideTheDiskIsNamedAndTheKernelSideGetsAnErrorNotACrash() throws Exception {
        patchInode(fileInode, in -> in.withDirect(2, 999_999));
        Fsck.Problem p = onlyProblem(Fsck.Kind.POINTER, "points to block 999999, outside the data area");
        assertTrue(p.where().contains("inode " + fileInode + " direct pointer 2"), p.where());
        FileSystem fs = FileSystem.mount(disk);
        Node f = fs.walk(fs.root(), Paths.split("dir/file"));
        FsException e = assertThrows(FsException.class, () -> fs.read(f, 0, new byte[50_000], 0, 50_000));
        assertEquals("io-error", e.error());
        assertTrue(e.getMessage().contains("run singj fsck"), e.getMessage());
        repairedClean();
    }

    @Test
    void aDirectoryEntryPointingOutsideTheInodeTableIsNamed() throws Exception {
        long dirBlock = firstDataBlockOf(Inode.ROOT);
        byte[] b = disk.block(dirBlock);
        new DirEntry(123_456, "evil").encode(b, 5);
        disk.putBlock(dirBlock, b);
        Fsck.Problem p = onlyProblem(Fsck.Kind.DIRECTORY, "outside the inode table");
        assertTrue(p.where().contains("'evil'"), p.where());
        FileSystem fs = FileSystem.mount(disk);
        assertEquals("io-error", assertThrows(FsException.class, () -> fs.lookup(fs.root(), "evil")).error());
        repairedClean();
    }

    @Test
    void aBlockClaimedTwiceALeakAndAWrongLinkCountAreNamed() {
        Inode file = inodeOnDisk(fileInode);
        patchInode(Inode.ROOT, in -> in.withDirect(3, file.direct()[0]));
        onlyProblem(Fsck.Kind.POINTER, "inode " + fileInode + " direct pointer 0: points to block " + file.direct()[0] + ", which inode 1 uses too");
        repairedClean();
        patchInode(fileInode, in -> in.withLinks(3));
        onlyProblem(Fsck.Kind.LINKS, "link count 3, but 1 entries name it");
        repairedClean();
        byte[] bits = disk.block(sb.bitmapStart());
        Bitmap.set(bits, sb.blocks() - 2, true);
        disk.putBlock(sb.bitmapStart(), bits);
        onlyProblem(Fsck.Kind.BITMAP, "marked in use but nothing uses it");
        repairedClean();
        bits = disk.block(sb.bitmapStart());
        Bitmap.set(bits, inodeOnDisk(fileInode).direct()[1], false);
        disk.putBlock(sb.bitmapStart(), bits);
        onlyProblem(Fsck.Kind.BITMAP, "by inode " + fileInode + " but marked free");
        repairedClean();
    }

    @Test
    void anInodeNoEntryNamesIsUnreachable() {
        long dirBlock = firstDataBlockOf(Inode.ROOT);
        byte[] b = disk.block(dirBlock);
        DirEntry.clear(b, 0);
        disk.putBlock(dirBlock, b);
        Fsck.Report r = Fsck.check(disk);
        assertEquals(2, r.problems().stream().filter(p -> p.kind() == Fsck.Kind.UNREACHABLE).count(), r.problems().toString());
        repairedClean();
    }

    private Inode inodeOnDisk(int n) {
        return Inode.decode(disk.block(sb.inodeStart() + n / Inode.PER_BLOCK), n % Inode.PER_BLOCK);
    }

    private long firstDataBlockOf(int n) {
        return inodeOnDisk(n).direct()[0];
    }
}
