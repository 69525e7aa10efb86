package singj.fs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A mounted file system. Operations name files by {@link Node} (an inode and its generation) and
 * single names within directories; {@link Paths} turns a relative path into names. Every
 * operation that changes the disk is atomic: its blocks are changed in memory and reach the disk
 * only in a journal transaction ({@link Journal}), committed by {@link #sync()} or when the
 * pending blocks near the journal's capacity. An operation that fails (no space, quota, a
 * damaged pointer) leaves nothing changed. One lock serializes everything.
 */
public final class FileSystem {
    /** A file or directory as a client holds it: the inode, and the generation it had when opened. */
    public record Node(int inode, int generation) {}

    /** Blocks written at most per {@link #write} step: each step is one atomic operation. */
    static final int WRITE_STEP_BLOCKS = 16;
    /**
     * What the cache of clean blocks holds unless the mount says otherwise: 16 MiB, the size of a
     * small web site's files with their metadata, and a few percent of a SIP's default heap quota.
     */
    public static final long DEFAULT_CACHE_BYTES = 16L << 20;
    /** The smallest cache: one disk request's run of blocks. */
    public static final long MIN_CACHE_BYTES = (long) Blocks.MAX_RUN * Superblock.BLOCK_SIZE;
    /** File blocks read past a sequential read's end, in the same disk request (128 KiB). */
    static final int READ_AHEAD_BLOCKS = 32;

    /** Where {@link #read(Node, long, int, Sink)} puts the bytes it reads: pieces in order, each at its place. */
    public interface Sink {
        /** Takes {@code length} bytes of {@code source} from {@code from}, for the destination's offset {@code at}. */
        void put(byte[] source, int from, int at, int length);
    }

    private final Disk disk;
    private final Superblock sb;
    private final Journal journal;
    private final String recovery;
    private String readOnly;
    private final Map<Long, byte[]> dirty = new LinkedHashMap<>();
    /** Blocks as they are on the disk, least recently used first, at most {@link #cacheBlocks}. */
    private final Map<Long, byte[]> clean;
    private final int cacheBlocks;
    /** What a hole reads as; never written. */
    private final byte[] zeros = new byte[Superblock.BLOCK_SIZE];
    /** Blocks as they were before the running operation first changed them (null: not dirty then). */
    private Map<Long, byte[]> undo;
    private long freeBlocks;
    /** Free inodes; -1 until {@link #freeInodes()} first counts them (a scan of the inode table, not at mount). */
    private long freeInodes = -1;
    private long allocHint;

    private FileSystem(Disk disk, Superblock sb, Journal journal, String recovery, String readOnly, long cacheBytes) {
        this.cacheBlocks = (int) Math.min(Integer.MAX_VALUE, cacheBytes / Superblock.BLOCK_SIZE);
        this.clean = new LinkedHashMap<>(256, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Long, byte[]> eldest) {
                return size() > cacheBlocks;
            }
        };
        this.disk = disk;
        this.sb = sb;
        this.journal = journal;
        this.recovery = recovery;
        this.readOnly = readOnly;
    }

    // ---- mkfs and mount -------------------------------------------------------------------------

    /** Writes an empty file system (a root directory and nothing else) over the whole disk. */
    public static Superblock mkfs(Disk disk) {
        Superblock sb = Superblock.plan(disk.sectors() / Superblock.SECTORS_PER_BLOCK);
        byte[] zero = new byte[Superblock.BLOCK_SIZE];
        Blocks.write(disk, 0, zero); // no valid superblock until the rest is down
        Journal.reset(disk, sb, 0);
        for (int i = 0; i < sb.inodeBlocks(); i++) {
            byte[] b = i == 0 ? new byte[Superblock.BLOCK_SIZE] : zero;
            if (i == 0) {
                Inode.empty(Inode.Kind.DIRECTORY, 1).encode(b, Inode.ROOT);
            }
            Blocks.write(disk, sb.inodeStart() + i, b);
        }
        for (int i = 0; i < sb.bitmapBlocks(); i++) {
            byte[] b = new byte[Superblock.BLOCK_SIZE];
            for (int bit = 0; bit < Bitmap.BITS_PER_BLOCK; bit++) {
                long block = (long) i * Bitmap.BITS_PER_BLOCK + bit;
                if (block < sb.dataStart() || block >= sb.blocks()) {
                    Bitmap.set(b, block, true);
                }
            }
            Blocks.write(disk, sb.bitmapStart() + i, b);
        }
        disk.flush();
        Blocks.write(disk, 0, sb.encode());
        disk.flush();
        return sb;
    }

    /**
     * Mounts the disk: reads the superblock, replays a committed transaction the journal holds.
     * A torn journal record mounts read-only ({@link #readOnly()} says why; {@code singj fsck
     * --repair} clears it). A disk that is not a SingJ file system, or is damaged where nothing
     * could be read, is refused.
     */
    public static FileSystem mount(Disk disk) throws DamagedException {
        return mount(disk, DEFAULT_CACHE_BYTES);
    }

    /** {@link #mount(Disk)} with a cache of clean blocks of at most {@code cacheBytes} (at least {@link #MIN_CACHE_BYTES}). */
    public static FileSystem mount(Disk disk, long cacheBytes) throws DamagedException {
        if (cacheBytes < MIN_CACHE_BYTES) {
            throw new IllegalArgumentException("a block cache of " + cacheBytes + " bytes is too small (at least "
                    + MIN_CACHE_BYTES + ", one disk request's " + Blocks.MAX_RUN + " blocks)");
        }
        long diskBlocks = disk.sectors() / Superblock.SECTORS_PER_BLOCK;
        if (diskBlocks < 1) {
            throw new DamagedException("the disk has " + disk.sectors() + " sectors, less than one block");
        }
        Superblock sb = Superblock.decode(Blocks.read(disk, 0), diskBlocks);
        Journal.State state = Journal.read(disk, sb);
        String recovery;
        String readOnly = null;
        Journal journal;
        switch (state) {
            case Journal.Empty e -> {
                journal = new Journal(disk, sb, e.sequence());
                recovery = "clean";
            }
            case Journal.Committed c -> {
                journal = new Journal(disk, sb, c.sequence());
                journal.replay(c);
                recovery = "replayed journal transaction " + c.sequence() + " (" + c.homes().size() + " blocks)";
            }
            case Journal.Torn t -> {
                journal = new Journal(disk, sb, 0);
                recovery = t.why();
                readOnly = t.why() + " (mounted read-only; singj fsck --repair clears the record)";
            }
        }
        FileSystem fs = new FileSystem(disk, sb, journal, recovery, readOnly, cacheBytes);
        Inode root = fs.inode(Inode.ROOT);
        if (root.kind() != Inode.Kind.DIRECTORY) {
            throw new DamagedException("inode " + Inode.ROOT + ", the root, is " + root.kind() + ", not a directory");
        }
        fs.freeBlocks = fs.countFree();
        return fs;
    }

    public Superblock superblock() {
        return sb;
    }

    /** What mount found in the journal: "clean", the transaction it replayed, or the torn record. */
    public String recovery() {
        return recovery;
    }

    /** Why the file system takes no writes, or null if it does. */
    public synchronized String readOnly() {
        return readOnly;
    }

    /** Blocks changed since the last commit: what the next {@link #sync()} writes through the journal. */
    public synchronized int pendingBlocks() {
        return dirty.size();
    }

    public synchronized long freeBlocks() {
        return freeBlocks;
    }

    /** What {@code quota} has in use, bytes and files, read under the lock its changes are made under. */
    public synchronized long[] quotaUse(Quota quota) {
        return new long[] {quota.bytes(), quota.files()};
    }

    /** Blocks that can hold data: the disk past its metadata. */
    public long dataBlocks() {
        return sb.blocks() - sb.dataStart();
    }

    /** Files and directories the inode table holds, the root included (inode 0 is never used). */
    public long inodes() {
        return sb.inodes() - 1;
    }

    /** Free inodes: counted over the inode table the first time it is asked, then kept as inodes are made and freed. */
    public synchronized long freeInodes() {
        if (freeInodes < 0) {
            long free = 0;
            for (int n = Inode.ROOT + 1; n < sb.inodes(); n++) {
                if (inode(n).kind() == Inode.Kind.FREE) {
                    free++;
                }
            }
            freeInodes = free;
        }
        return freeInodes;
    }

    public Node root() {
        return new Node(Inode.ROOT, inode(Inode.ROOT).generation());
    }

    // ---- the operations -------------------------------------------------------------------------

    public synchronized Inode stat(Node node) {
        return live(node, null);
    }

    /** Follows {@code names} from directory {@code dir}; every step but the last must be a directory. */
    public synchronized Node walk(Node dir, List<String> names) {
        Node at = dir;
        live(at, Inode.Kind.DIRECTORY);
        for (String name : names) {
            Inode here = inode(at.inode());
            if (here.kind() != Inode.Kind.DIRECTORY) {
                throw new FsException("not-a-directory", "'" + name + "': its parent is a file, not a directory");
            }
            int found = find(at.inode(), name);
            if (found == 0) {
                throw new FsException("not-found", "no '" + DirEntry.printable(name) + "'");
            }
            at = new Node(found, inode(found).generation());
        }
        return at;
    }

    public synchronized Node lookup(Node dir, String name) {
        return walk(dir, List.of(name));
    }

    public synchronized List<DirEntry> list(Node dir) {
        Inode d = live(dir, Inode.Kind.DIRECTORY);
        List<DirEntry> entries = new ArrayList<>();
        for (long fb = 0; fb < d.size() / Superblock.BLOCK_SIZE; fb++) {
            int block = map(dir.inode(), fb, false, null);
            if (block == 0) {
                continue; // a hole in a directory (only damage makes one): no entries, and never block 0's bytes
            }
            byte[] b = readBlock(block);
            for (int slot = 0; slot < DirEntry.PER_BLOCK; slot++) {
                DirEntry e = DirEntry.decode(b, slot);
                if (e != null) {
                    entries.add(e);
                }
            }
        }
        return entries;
    }

    /** Makes an empty file or directory {@code name} in {@code dir}. */
    public synchronized Node create(Node dir, String name, Inode.Kind kind, Quota quota) {
        checkName(name);
        return change(() -> {
            live(dir, Inode.Kind.DIRECTORY);
            if (find(dir.inode(), name) != 0) {
                throw new FsException("exists", "'" + name + "' exists already");
            }
            quota.chargeFile();
            int n = allocInode(kind);
            addEntry(dir.inode(), new DirEntry(n, name), quota);
            return new Node(n, inode(n).generation());
        }, quota);
    }

    /** Reads up to {@code length} bytes at {@code position}; returns how many (0 at or past the end). */
    public synchronized int read(Node file, long position, byte[] into, int offset, int length) {
        return read(file, position, length, (source, from, at, n) -> System.arraycopy(source, from, into, offset + at, n));
    }

    /**
     * Reads up to {@code length} bytes at {@code position} into {@code into}, at offsets from 0;
     * returns how many (0 at or past the end). The blocks not in the cache are read from the disk
     * in runs of consecutive blocks, one request each; a read that follows on from the one before
     * (or starts the file) also brings the next {@link #READ_AHEAD_BLOCKS} blocks of the file that
     * follow on the disk, in the same request.
     */
    public synchronized int read(Node file, long position, int length, Sink into) {
        Inode in = live(file, Inode.Kind.FILE);
        if (position < 0) {
            throw new FsException("bad-path", "read at negative position " + position);
        }
        if (position >= in.size() || length <= 0) {
            return 0;
        }
        int n = (int) Math.min(length, in.size() - position);
        long firstFb = position / Superblock.BLOCK_SIZE;
        int count = (int) ((position + n - 1) / Superblock.BLOCK_SIZE - firstFb + 1);
        byte[][] data = new byte[count][];
        int[] blocks = new int[count];
        for (int i = 0; i < count; i++) {
            blocks[i] = blockOf(file.inode(), in, firstFb + i);
            data[i] = blocks[i] == 0 ? zeros : cached(blocks[i]);
        }
        for (int i = 0; i < count; ) {
            if (data[i] != null) {
                i++;
                continue;
            }
            int run = 1;
            while (i + run < count && run < Blocks.MAX_RUN && data[i + run] == null && blocks[i + run] == blocks[i] + run) {
                run++;
            }
            int ahead = i + run == count && followsOn(file.inode(), in, firstFb)
                    ? readAhead(file.inode(), in, firstFb + count, blocks[i] + run, Blocks.MAX_RUN - run) : 0;
            byte[][] got = fetch(blocks[i], run + ahead);
            System.arraycopy(got, 0, data, i, run);
            i += run;
        }
        int done = 0;
        for (int i = 0; i < count; i++) {
            int inBlock = i == 0 ? (int) (position % Superblock.BLOCK_SIZE) : 0;
            int chunk = Math.min(n - done, Superblock.BLOCK_SIZE - inBlock);
            into.put(data[i], inBlock, done, chunk);
            done += chunk;
        }
        return n;
    }

    /** Whether a read from file block {@code fb} looks sequential: it starts the file, or the block before it is in memory. */
    private boolean followsOn(int n, Inode in, long fb) {
        if (fb == 0) {
            return true;
        }
        int before = blockOf(n, in, fb - 1);
        return before != 0 && cached(before) != null;
    }

    /**
     * How many of the file's blocks from {@code fb} lie on the disk from {@code next} on, in order,
     * none of them cached, at most {@code most} and {@link #READ_AHEAD_BLOCKS}, and not past the
     * file's size: what a sequential read brings along.
     */
    private int readAhead(int n, Inode in, long fb, long next, int most) {
        long fileBlocks = (in.size() + Superblock.BLOCK_SIZE - 1) / Superblock.BLOCK_SIZE;
        int limit = (int) Math.min(Math.min(most, READ_AHEAD_BLOCKS), Math.max(0, fileBlocks - fb));
        int ahead = 0;
        while (ahead < limit && blockOf(n, in, fb + ahead) == next + ahead && cached(next + ahead) == null) {
            ahead++;
        }
        return ahead;
    }

    /** Blocks {@code first} to {@code first + count - 1}, read from the disk in one request and cached. */
    private byte[][] fetch(long first, int count) {
        byte[][] run = new byte[count][];
        for (int i = 0; i < count; i++) {
            run[i] = new byte[Superblock.BLOCK_SIZE];
        }
        Blocks.readRun(disk, first, run, count);
        for (int i = 0; i < count; i++) {
            clean.put(first + i, run[i]);
        }
        return run;
    }

    /** The block's contents if they are in memory (changed, or cached), else null. */
    private byte[] cached(long block) {
        byte[] b = dirty.get(block);
        return b != null ? b : clean.get(block);
    }

    /**
     * Writes {@code length} bytes at {@code position}, in steps of at most {@link #WRITE_STEP_BLOCKS}
     * blocks, each atomic; a step that finds no space (or quota) fails with nothing of it written,
     * the steps before it kept (the exception's message says how many bytes were written).
     */
    public synchronized void write(Node file, long position, byte[] from, int offset, int length, Quota quota) {
        if (position < 0 || position + length > Inode.MAX_SIZE) {
            throw new FsException("no-space", "a write of " + length + " bytes at " + position
                    + " passes the largest file size (" + Inode.MAX_SIZE + " bytes)");
        }
        int done = 0;
        while (done < length) {
            long at = position + done;
            int step = (int) Math.min(length - done,
                    (long) WRITE_STEP_BLOCKS * Superblock.BLOCK_SIZE - at % Superblock.BLOCK_SIZE);
            int written = done;
            try {
                change(() -> {
                    writeStep(file, at, from, offset + written, step, quota);
                    return null;
                }, quota);
            } catch (FsException e) {
                if (done == 0) {
                    throw e;
                }
                throw new FsException(e.error(), e.getMessage() + " (after " + done + " of " + length + " bytes were written)");
            }
            done += step;
        }
    }

    private void writeStep(Node file, long position, byte[] from, int offset, int length, Quota quota) {
        live(file, Inode.Kind.FILE);
        int done = 0;
        while (done < length) {
            long at = position + done;
            int inBlock = (int) (at % Superblock.BLOCK_SIZE);
            int chunk = Math.min(length - done, Superblock.BLOCK_SIZE - inBlock);
            int block = map(file.inode(), at / Superblock.BLOCK_SIZE, true, quota);
            System.arraycopy(from, offset + done, modify(block), inBlock, chunk);
            done += chunk;
        }
        Inode in = inode(file.inode());
        if (position + length > in.size()) {
            putInode(file.inode(), in.withSize(position + length));
        }
    }

    /** Sets the file's size: blocks past it are freed; growing leaves a hole that reads as zeros. */
    public synchronized void truncate(Node file, long size, Quota quota) {
        if (size < 0 || size > Inode.MAX_SIZE) {
            throw new FsException("no-space", "a size of " + size + " bytes is not possible (at most " + Inode.MAX_SIZE + ")");
        }
        change(() -> {
            live(file, Inode.Kind.FILE);
            cut(file.inode(), size, quota);
            return null;
        }, quota);
    }

    /** Removes {@code name} from {@code dir}: a file, or an empty directory; its inode and blocks are freed. */
    public synchronized void delete(Node dir, String name, Quota quota) {
        checkName(name);
        change(() -> {
            live(dir, Inode.Kind.DIRECTORY);
            int n = find(dir.inode(), name);
            if (n == 0) {
                throw new FsException("not-found", "no '" + DirEntry.printable(name) + "'");
            }
            if (inode(n).kind() == Inode.Kind.DIRECTORY && !isEmpty(n)) {
                throw new FsException("not-empty", "directory '" + name + "' is not empty");
            }
            removeEntry(dir.inode(), name);
            unlink(n, quota);
            return null;
        }, quota);
    }

    /**
     * Moves {@code fromName} in {@code fromDir} to {@code toName} in {@code toDir} in one atomic
     * step, replacing a file (or an empty directory) already there.
     */
    public synchronized void rename(Node fromDir, String fromName, Node toDir, String toName, Quota quota) {
        checkName(fromName);
        checkName(toName);
        change(() -> {
            live(fromDir, Inode.Kind.DIRECTORY);
            live(toDir, Inode.Kind.DIRECTORY);
            int n = find(fromDir.inode(), fromName);
            if (n == 0) {
                throw new FsException("not-found", "no '" + DirEntry.printable(fromName) + "'");
            }
            if (fromDir.inode() == toDir.inode() && fromName.equals(toName)) {
                return null;
            }
            Inode moving = inode(n);
            if (moving.kind() == Inode.Kind.DIRECTORY && (n == toDir.inode() || contains(n, toDir.inode()))) {
                throw new FsException("bad-path", "'" + fromName + "' cannot move into itself");
            }
            int there = find(toDir.inode(), toName);
            if (there != 0) {
                Inode old = inode(there);
                if (old.kind() == Inode.Kind.DIRECTORY && moving.kind() != Inode.Kind.DIRECTORY) {
                    throw new FsException("is-a-directory", "'" + toName + "' is a directory");
                }
                if (old.kind() != Inode.Kind.DIRECTORY && moving.kind() == Inode.Kind.DIRECTORY) {
                    throw new FsException("not-a-directory", "'" + toName + "' is a file");
                }
                if (old.kind() == Inode.Kind.DIRECTORY && !isEmpty(there)) {
                    throw new FsException("not-empty", "directory '" + toName + "' is not empty");
                }
                removeEntry(toDir.inode(), toName);
                unlink(there, quota);
            }
            removeEntry(fromDir.inode(), fromName);
            addEntry(toDir.inode(), new DirEntry(n, toName), quota);
            return null;
        }, quota);
    }

    /** Commits every operation so far: when this returns they survive a crash. */
    public synchronized void sync() {
        if (readOnly != null || dirty.isEmpty()) {
            return;
        }
        try {
            journal.commit(dirty);
        } catch (DiskException e) {
            readOnly = "the disk failed: " + e.getMessage();
            throw new FsException(e.closed() ? "closed" : "io-error", e.getMessage());
        }
        clean.putAll(dirty);
        dirty.clear();
    }

    // ---- atomic operations ----------------------------------------------------------------------

    private interface Body<T> {
        T run();
    }

    /**
     * Runs one changing operation: commits first if its blocks might not fit in the journal
     * beside those pending, and undoes every block it changed if it fails.
     */
    private <T> T change(Body<T> body, Quota quota) {
        if (readOnly != null) {
            throw new FsException("read-only", "the file system is read-only: " + readOnly);
        }
        if (dirty.size() + reserve() > journal.capacity()) {
            sync();
        }
        undo = new HashMap<>();
        long free = freeBlocks;
        long freeIn = freeInodes;
        long hint = allocHint;
        long[] used = quota.save();
        try {
            T result = body.run();
            undo = null;
            return result;
        } catch (RuntimeException e) {
            for (Map.Entry<Long, byte[]> u : undo.entrySet()) {
                if (u.getValue() == null) {
                    dirty.remove(u.getKey());
                } else {
                    dirty.put(u.getKey(), u.getValue());
                }
            }
            undo = null;
            freeBlocks = free;
            freeInodes = freeIn;
            allocHint = hint;
            quota.restore(used);
            if (e instanceof DiskException d) {
                throw new FsException(d.closed() ? "closed" : "io-error", d.getMessage());
            }
            throw e;
        }
    }

    /** The most blocks one operation changes: a write step's data, index and bitmap blocks, inodes, directory blocks. */
    private int reserve() {
        return 3 * WRITE_STEP_BLOCKS + sb.bitmapBlocks();
    }

    // ---- blocks ---------------------------------------------------------------------------------

    private byte[] readBlock(long block) {
        byte[] b = cached(block);
        if (b == null) {
            b = Blocks.read(disk, block);
            clean.put(block, b);
        }
        return b;
    }

    /** The block's contents to change in place, kept in memory until the next commit. */
    private byte[] modify(long block) {
        byte[] b = dirty.get(block);
        if (b != null) {
            if (undo != null && !undo.containsKey(block)) {
                undo.put(block, b.clone());
            }
            return b;
        }
        if (undo != null && !undo.containsKey(block)) {
            undo.put(block, null);
        }
        b = readBlock(block).clone();
        clean.remove(block);
        dirty.put(block, b);
        return b;
    }

    /**
     * A block just allocated, zeros to change in place: what the disk held there is never read (a
     * new file's blocks cost no disk request).
     */
    private void zeroed(long block) {
        byte[] b = dirty.get(block);
        if (b != null) {
            if (undo != null && !undo.containsKey(block)) {
                undo.put(block, b.clone());
            }
            Arrays.fill(b, (byte) 0);
            return;
        }
        if (undo != null && !undo.containsKey(block)) {
            undo.put(block, null);
        }
        clean.remove(block);
        dirty.put(block, new byte[Superblock.BLOCK_SIZE]);
    }

    private long countFree() {
        long free = 0;
        for (long b = sb.dataStart(); b < sb.blocks(); b++) {
            if (!Bitmap.get(readBlock(sb.bitmapStart() + b / Bitmap.BITS_PER_BLOCK), b)) {
                free++;
            }
        }
        return free;
    }

    private int allocBlock(Quota quota) {
        if (freeBlocks == 0) {
            throw new FsException("no-space", "the disk is full (" + sb.blocks() + " blocks of "
                    + Superblock.BLOCK_SIZE + " bytes, none free); nothing already written is lost");
        }
        quota.chargeBlock();
        long span = sb.blocks() - sb.dataStart();
        for (long i = 0; i < span; i++) {
            long b = sb.dataStart() + (allocHint + i) % span;
            long map = sb.bitmapStart() + b / Bitmap.BITS_PER_BLOCK;
            if (!Bitmap.get(readBlock(map), b)) {
                Bitmap.set(modify(map), b, true);
                zeroed(b);
                freeBlocks--;
                allocHint = b - sb.dataStart() + 1;
                return (int) b;
            }
        }
        throw new IllegalStateException("the bitmap shows no free block but " + freeBlocks + " were counted free");
    }

    private void freeBlock(int b, Quota quota) {
        checkPointer(0, b);
        long map = sb.bitmapStart() + b / Bitmap.BITS_PER_BLOCK;
        Bitmap.set(modify(map), b, false);
        // its contents no longer matter, unless the operation fails: then undo puts them back
        if (undo != null && !undo.containsKey((long) b)) {
            undo.put((long) b, dirty.get((long) b));
        }
        dirty.remove((long) b);
        clean.remove((long) b);
        freeBlocks++;
        quota.creditBlocks(1);
    }

    private void checkPointer(int inode, long b) {
        if (b != 0 && (b < sb.dataStart() || b >= sb.blocks())) {
            throw new FsException("io-error", "inode " + inode + " points to block " + b + ", outside the data area ("
                    + sb.dataStart() + " to " + (sb.blocks() - 1) + "): the file system is damaged; run singj fsck");
        }
    }

    // ---- inodes ---------------------------------------------------------------------------------

    Inode inode(int n) {
        if (n <= 0 || n >= sb.inodes()) {
            throw new FsException("io-error", "inode " + n + " is outside the inode table (1 to " + (sb.inodes() - 1)
                    + "): the file system is damaged; run singj fsck");
        }
        Inode in = Inode.decode(readBlock(sb.inodeStart() + n / Inode.PER_BLOCK), n % Inode.PER_BLOCK);
        if (in.kind() == null) {
            throw new FsException("io-error", "inode " + n + " has an unknown kind: the file system is damaged; run singj fsck");
        }
        return in;
    }

    private void putInode(int n, Inode in) {
        in.encode(modify(sb.inodeStart() + n / Inode.PER_BLOCK), n % Inode.PER_BLOCK);
    }

    /** The node's inode, if it is still the one the client opened (and of {@code kind}, unless null). */
    private Inode live(Node node, Inode.Kind kind) {
        Inode in = inode(node.inode());
        if (in.kind() == Inode.Kind.FREE || in.generation() != node.generation()) {
            throw new FsException("stale", "the file or directory was deleted while open");
        }
        if (kind == Inode.Kind.DIRECTORY && in.kind() != kind) {
            throw new FsException("not-a-directory", "inode " + node.inode() + " is a file, not a directory");
        }
        if (kind == Inode.Kind.FILE && in.kind() != kind) {
            throw new FsException("is-a-directory", "inode " + node.inode() + " is a directory, not a file");
        }
        return in;
    }

    private int allocInode(Inode.Kind kind) {
        for (int n = Inode.ROOT + 1; n < sb.inodes(); n++) {
            Inode in = inode(n);
            if (in.kind() == Inode.Kind.FREE) {
                putInode(n, Inode.empty(kind, in.generation() + 1));
                if (freeInodes > 0) {
                    freeInodes--;
                }
                return n;
            }
        }
        throw new FsException("no-space", "no free inode (all " + (sb.inodes() - 2) + " are in use)");
    }

    /** Drops one link to inode n; at none, frees its blocks and the inode (a new generation). */
    private void unlink(int n, Quota quota) {
        Inode in = inode(n);
        if (in.links() > 1) {
            putInode(n, in.withLinks(in.links() - 1));
            return;
        }
        cut(n, 0, quota);
        putInode(n, Inode.empty(Inode.Kind.FREE, inode(n).generation() + 1));
        if (freeInodes >= 0) {
            freeInodes++;
        }
        quota.creditFile();
    }

    /** File block {@code fb} of inode n, whose inode is {@code in}: its disk block, 0 for a hole. */
    private int blockOf(int n, Inode in, long fb) {
        if (fb < Inode.DIRECT) {
            int b = in.direct((int) fb);
            checkPointer(n, b);
            return b;
        }
        fb -= Inode.DIRECT;
        if (fb < Inode.POINTERS) {
            int table = in.indirect();
            checkPointer(n, table);
            return table == 0 ? 0 : slot(n, table, (int) fb, false, null);
        }
        fb -= Inode.POINTERS;
        int top = in.doubleIndirect();
        checkPointer(n, top);
        if (top == 0) {
            return 0;
        }
        int mid = slot(n, top, (int) (fb / Inode.POINTERS), false, null);
        return mid == 0 ? 0 : slot(n, mid, (int) (fb % Inode.POINTERS), false, null);
    }

    /** File block {@code fb} of inode n: its disk block, 0 for a hole (if not {@code allocate}). */
    private int map(int n, long fb, boolean allocate, Quota quota) {
        Inode in = inode(n);
        if (fb < Inode.DIRECT) {
            int b = in.direct()[(int) fb];
            checkPointer(n, b);
            if (b == 0 && allocate) {
                b = allocBlock(quota);
                putInode(n, inode(n).withDirect((int) fb, b));
            }
            return b;
        }
        fb -= Inode.DIRECT;
        if (fb < Inode.POINTERS) {
            int table = in.indirect();
            checkPointer(n, table);
            if (table == 0) {
                if (!allocate) {
                    return 0;
                }
                table = allocBlock(quota);
                putInode(n, inode(n).withIndirect(table));
            }
            return slot(n, table, (int) fb, allocate, quota);
        }
        fb -= Inode.POINTERS;
        int top = in.doubleIndirect();
        checkPointer(n, top);
        if (top == 0) {
            if (!allocate) {
                return 0;
            }
            top = allocBlock(quota);
            putInode(n, inode(n).withDoubleIndirect(top));
        }
        int mid = slot(n, top, (int) (fb / Inode.POINTERS), allocate, quota);
        return mid == 0 ? 0 : slot(n, mid, (int) (fb % Inode.POINTERS), allocate, quota);
    }

    private int slot(int n, int table, int index, boolean allocate, Quota quota) {
        int b = Bytes.getInt(readBlock(table), index * 4);
        checkPointer(n, b);
        if (b == 0 && allocate) {
            b = allocBlock(quota);
            Bytes.putInt(modify(table), index * 4, b);
        }
        return b;
    }

    /** Sets inode n's size, freeing every block wholly past it (and index blocks left empty). */
    private void cut(int n, long size, Quota quota) {
        Inode in = inode(n);
        long keep = (size + Superblock.BLOCK_SIZE - 1) / Superblock.BLOCK_SIZE;
        if (size < in.size() && size % Superblock.BLOCK_SIZE != 0) {
            int last = map(n, size / Superblock.BLOCK_SIZE, false, null);
            if (last != 0) {
                int from = (int) (size % Superblock.BLOCK_SIZE);
                Arrays.fill(modify(last), from, Superblock.BLOCK_SIZE, (byte) 0);
            }
        }
        for (int i = 0; i < Inode.DIRECT; i++) {
            int b = in.direct()[i];
            if (i >= keep && b != 0) {
                freeBlock(b, quota);
                in = in.withDirect(i, 0);
            }
        }
        if (in.indirect() != 0 && cutTable(n, in.indirect(), keep - Inode.DIRECT, 1, quota)) {
            in = in.withIndirect(0);
        }
        if (in.doubleIndirect() != 0
                && cutTable(n, in.doubleIndirect(), keep - Inode.DIRECT - Inode.POINTERS, Inode.POINTERS, quota)) {
            in = in.withDoubleIndirect(0);
        }
        putInode(n, in.withSize(size));
    }

    /**
     * Frees the blocks of an index block from file block {@code keep} (relative to the table, each
     * entry covering {@code span} file blocks); frees the table itself and returns true if nothing is kept.
     */
    private boolean cutTable(int n, int table, long keep, long span, Quota quota) {
        checkPointer(n, table);
        byte[] t = readBlock(table);
        boolean changed = false;
        for (int i = 0; i < Inode.POINTERS; i++) {
            int b = Bytes.getInt(t, i * 4);
            if (b == 0) {
                continue;
            }
            long first = (long) i * span;
            if (first + span <= keep) {
                continue;
            }
            boolean gone = span == 1 ? first >= keep : cutTable(n, b, keep - first, 1, quota);
            if (gone) {
                if (span == 1) {
                    freeBlock(b, quota);
                }
                if (!changed) {
                    t = modify(table);
                    changed = true;
                }
                Bytes.putInt(t, i * 4, 0);
            }
        }
        if (keep <= 0) {
            freeBlock(table, quota);
            return true;
        }
        return false;
    }

    // ---- directories ----------------------------------------------------------------------------

    private void checkName(String name) {
        String problem = DirEntry.nameProblem(name);
        if (problem != null) {
            throw new FsException("bad-path", problem);
        }
    }

    /** The inode named {@code name} in directory d, or 0. */
    private int find(int d, String name) {
        Slot slot = locate(d, name);
        return slot == null ? 0 : slot.inode();
    }

    /** Where directory d holds the entry named {@code name}, or null. */
    private Slot locate(int d, String name) {
        Inode dir = inode(d);
        byte[] bytes = name.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        for (long fb = 0; fb < dir.size() / Superblock.BLOCK_SIZE; fb++) {
            int block = blockOf(d, dir, fb);
            if (block == 0) {
                continue;
            }
            byte[] b = readBlock(block);
            for (int slot = 0; slot < DirEntry.PER_BLOCK; slot++) {
                int inode = DirEntry.inodeIfNamed(b, slot, bytes);
                if (inode != 0) {
                    return new Slot(block, slot, inode);
                }
            }
        }
        return null;
    }

    /** A directory entry's place: its disk block, its slot there, and the inode it names. */
    private record Slot(int block, int index, int inode) {}

    private boolean isEmpty(int d) {
        return list(new Node(d, inode(d).generation())).isEmpty();
    }

    /** Whether directory {@code target} lies below directory d. */
    private boolean contains(int d, int target) {
        for (DirEntry e : list(new Node(d, inode(d).generation()))) {
            if (e.inode() == target || inode(e.inode()).kind() == Inode.Kind.DIRECTORY && contains(e.inode(), target)) {
                return true;
            }
        }
        return false;
    }

    private void addEntry(int d, DirEntry entry, Quota quota) {
        Inode dir = inode(d);
        long blocks = dir.size() / Superblock.BLOCK_SIZE;
        for (long fb = 0; fb < blocks; fb++) {
            int block = map(d, fb, true, quota);
            byte[] b = readBlock(block);
            for (int slot = 0; slot < DirEntry.PER_BLOCK; slot++) {
                if (DirEntry.decode(b, slot) == null) {
                    entry.encode(modify(block), slot);
                    return;
                }
            }
        }
        int block = map(d, blocks, true, quota);
        entry.encode(modify(block), 0);
        putInode(d, inode(d).withSize((blocks + 1) * Superblock.BLOCK_SIZE));
    }

    private void removeEntry(int d, String name) {
        Slot slot = locate(d, name);
        if (slot == null) {
            throw new IllegalStateException("no entry '" + name + "' in directory " + d + " to remove");
        }
        DirEntry.clear(modify(slot.block()), slot.index());
    }
}
