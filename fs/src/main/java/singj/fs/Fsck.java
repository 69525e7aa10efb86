package singj.fs;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks a file system offline and names every inconsistency with where it is; with repair, fixes
 * what it found and writes the result. A committed journal transaction is not damage: the check
 * sees the disk as mount would leave it (the transaction replayed), and repair installs it.
 *
 * <p>What it checks: the superblock; the journal's header; every inode's kind, size and block
 * pointers (inside the data area, no block claimed twice); the directory tree from the root
 * (entries naming inodes inside the table that are in use, valid names, no name twice, no
 * directory reached twice); link counts against the entries found; inodes in use that no entry
 * reaches; the bitmap against the blocks in use. Repair clears bad pointers and entries, sets link
 * counts, frees unreachable inodes, rewrites the bitmap and empties a torn journal.
 */
public final class Fsck {
    public enum Kind { DISK, SUPERBLOCK, JOURNAL, INODE, POINTER, DIRECTORY, LINKS, UNREACHABLE, BITMAP }

    /** One inconsistency: its kind, where it is, and what is wrong. */
    public record Problem(Kind kind, String where, String what) {
        @Override
        public String toString() {
            return where + ": " + what;
        }
    }

    /**
     * @param notes what is not damage but worth saying (a transaction waiting in the journal)
     * @param mountable false if the superblock is unreadable: nothing else was checked
     */
    public record Report(List<Problem> problems, List<String> notes, boolean mountable, boolean repaired) {
        public boolean clean() {
            return problems.isEmpty();
        }
    }

    private final Disk disk;
    private final boolean repair;
    private final List<Problem> problems = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    /** Blocks as the check sees them: the journal's committed blocks, then repairs, over the disk. */
    private final Map<Long, byte[]> view = new HashMap<>();
    private Superblock sb;

    private Fsck(Disk disk, boolean repair) {
        this.disk = disk;
        this.repair = repair;
    }

    public static Report check(Disk disk) {
        return new Fsck(disk, false).run();
    }

    public static Report repair(Disk disk) {
        return new Fsck(disk, true).run();
    }

    private Report run() {
        long diskBlocks = disk.sectors() / Superblock.SECTORS_PER_BLOCK;
        if (disk.sectors() % Superblock.SECTORS_PER_BLOCK != 0) {
            notes.add("the disk's last " + disk.sectors() % Superblock.SECTORS_PER_BLOCK
                    + " sectors make no whole block and are not used");
        }
        if (diskBlocks < 1) {
            problems.add(new Problem(Kind.DISK, "disk", disk.sectors() + " sectors, less than one block of "
                    + Superblock.BLOCK_SIZE + " bytes: truncated or not a disk image"));
            return new Report(problems, notes, false, false);
        }
        try {
            sb = Superblock.decode(Blocks.read(disk, 0), diskBlocks);
        } catch (DamagedException e) {
            problems.add(new Problem(Kind.SUPERBLOCK, "superblock", e.getMessage()));
            return new Report(problems, notes, false, false);
        }
        boolean clearJournal = false;
        switch (Journal.read(disk, sb)) {
            case Journal.Empty e -> { }
            case Journal.Committed c -> {
                notes.add("the journal holds committed transaction " + c.sequence() + " (" + c.homes().size()
                        + " blocks), not yet installed: mount replays it" + (repair ? "; installed now" : ""));
                for (int i = 0; i < c.homes().size(); i++) {
                    view.put((long) c.homes().get(i), c.contents().get(i));
                }
                clearJournal = true;
            }
            case Journal.Torn t -> {
                problems.add(new Problem(Kind.JOURNAL, "journal", t.why()));
                clearJournal = true;
            }
        }
        checkTree();
        if (repair && !problems.isEmpty() || repair && clearJournal) {
            for (Map.Entry<Long, byte[]> e : view.entrySet()) {
                Blocks.write(disk, e.getKey(), e.getValue());
            }
            disk.flush();
            if (clearJournal) {
                Journal.reset(disk, sb, 0);
                disk.flush();
            }
            return new Report(problems, notes, true, true);
        }
        return new Report(problems, notes, true, false);
    }

    private byte[] read(long block) {
        byte[] b = view.get(block);
        return b != null ? b : Blocks.read(disk, block);
    }

    /** The block to change for a repair (in the view; written at the end). */
    private byte[] change(long block) {
        byte[] b = view.get(block);
        if (b == null) {
            b = Blocks.read(disk, block);
            view.put(block, b);
        }
        return b;
    }

    private Inode inode(int n) {
        return Inode.decode(read(sb.inodeStart() + n / Inode.PER_BLOCK), n % Inode.PER_BLOCK);
    }

    private void putInode(int n, Inode in) {
        in.encode(change(sb.inodeStart() + n / Inode.PER_BLOCK), n % Inode.PER_BLOCK);
    }

    private boolean inData(long b) {
        return b >= sb.dataStart() && b < sb.blocks();
    }

    private void checkTree() {
        int inodes = (int) sb.inodes();
        Map<Long, Integer> owner = new HashMap<>();
        // pass 1: every inode on its own
        for (int n = 0; n < inodes; n++) {
            byte[] table = read(sb.inodeStart() + n / Inode.PER_BLOCK);
            int code = Inode.kindCode(table, n % Inode.PER_BLOCK);
            Inode in = Inode.decode(table, n % Inode.PER_BLOCK);
            String where = "inode " + n;
            if (in.kind() == null) {
                problems.add(new Problem(Kind.INODE, where, "unknown kind " + code));
                if (repair) {
                    putInode(n, Inode.empty(Inode.Kind.FREE, in.generation() + 1));
                }
                continue;
            }
            if (n == 0 && in.kind() != Inode.Kind.FREE) {
                problems.add(new Problem(Kind.INODE, where, "inode 0 is never used, but is a " + in.kind()));
                if (repair) {
                    putInode(0, Inode.empty(Inode.Kind.FREE, 0));
                }
                continue;
            }
            if (n == Inode.ROOT && in.kind() != Inode.Kind.DIRECTORY) {
                problems.add(new Problem(Kind.INODE, where, "the root is " + in.kind() + ", not a directory"));
                if (repair) {
                    putInode(n, Inode.empty(Inode.Kind.DIRECTORY, in.generation() + 1));
                }
                continue;
            }
            if (in.kind() == Inode.Kind.FREE) {
                continue;
            }
            if (in.size() < 0 || in.size() > Inode.MAX_SIZE
                    || in.kind() == Inode.Kind.DIRECTORY && in.size() % Superblock.BLOCK_SIZE != 0) {
                problems.add(new Problem(Kind.INODE, where, "size " + in.size() + " is impossible for a " + in.kind()));
                if (repair) {
                    long fixed = in.kind() == Inode.Kind.DIRECTORY
                            ? Math.max(0, Math.min(in.size(), Inode.MAX_SIZE)) / Superblock.BLOCK_SIZE * Superblock.BLOCK_SIZE
                            : Math.max(0, Math.min(in.size(), Inode.MAX_SIZE));
                    putInode(n, in = in.withSize(fixed));
                }
            }
            claimBlocks(n, in, owner);
        }
        // pass 2: the tree from the root
        int[] refs = new int[inodes];
        Set<Integer> seenDirs = new HashSet<>();
        ArrayDeque<Integer> dirs = new ArrayDeque<>();
        if (inode(Inode.ROOT).kind() == Inode.Kind.DIRECTORY) {
            dirs.add(Inode.ROOT);
            seenDirs.add(Inode.ROOT);
            refs[Inode.ROOT] = 1;
        }
        while (!dirs.isEmpty()) {
            int d = dirs.poll();
            checkDirectory(d, refs, seenDirs, dirs);
        }
        // pass 3: links and reachability
        for (int n = 1; n < inodes; n++) {
            Inode in = inode(n);
            if (in.kind() == null || in.kind() == Inode.Kind.FREE) {
                continue;
            }
            if (refs[n] == 0) {
                problems.add(new Problem(Kind.UNREACHABLE, "inode " + n, "a " + in.kind() + " of " + in.size()
                        + " bytes that no directory entry names"));
                if (repair) {
                    putInode(n, Inode.empty(Inode.Kind.FREE, in.generation() + 1));
                    int dead = n;
                    owner.values().removeIf(o -> o == dead);
                }
            } else if (refs[n] != in.links()) {
                problems.add(new Problem(Kind.LINKS, "inode " + n, "link count " + in.links() + ", but "
                        + refs[n] + " entries name it"));
                if (repair) {
                    putInode(n, in.withLinks(refs[n]));
                }
            }
        }
        checkBitmap(owner);
    }

    /** Records the blocks inode n uses, clearing (on repair) pointers outside the data area or to a block already claimed. */
    private void claimBlocks(int n, Inode in, Map<Long, Integer> owner) {
        String where = "inode " + n;
        for (int i = 0; i < Inode.DIRECT; i++) {
            int b = in.direct()[i];
            if (b != 0 && !claim(n, b, where + " direct pointer " + i, owner)) {
                if (repair) {
                    putInode(n, in = in.withDirect(i, 0));
                }
            }
        }
        if (in.indirect() != 0) {
            if (!claim(n, in.indirect(), where + " indirect pointer", owner)) {
                if (repair) {
                    putInode(n, in = in.withIndirect(0));
                }
            } else {
                claimTable(n, in.indirect(), where + " indirect block " + in.indirect(), owner, false);
            }
        }
        if (in.doubleIndirect() != 0) {
            if (!claim(n, in.doubleIndirect(), where + " double-indirect pointer", owner)) {
                if (repair) {
                    putInode(n, in.withDoubleIndirect(0));
                }
            } else {
                claimTable(n, in.doubleIndirect(), where + " double-indirect block " + in.doubleIndirect(), owner, true);
            }
        }
    }

    private void claimTable(int n, int table, String where, Map<Long, Integer> owner, boolean tables) {
        byte[] t = read(table);
        for (int i = 0; i < Inode.POINTERS; i++) {
            int b = Bytes.getInt(t, i * 4);
            if (b == 0) {
                continue;
            }
            if (!claim(n, b, where + " entry " + i, owner)) {
                if (repair) {
                    Bytes.putInt(change(table), i * 4, 0);
                    t = read(table);
                }
            } else if (tables) {
                claimTable(n, b, "inode " + n + " indirect block " + b, owner, false);
            }
        }
    }

    private boolean claim(int n, long b, String where, Map<Long, Integer> owner) {
        if (!inData(b)) {
            problems.add(new Problem(Kind.POINTER, where, "points to block " + (b & 0xffffffffL)
                    + ", outside the data area (" + sb.dataStart() + " to " + (sb.blocks() - 1) + ")"));
            return false;
        }
        Integer other = owner.putIfAbsent(b, n);
        if (other != null) {
            problems.add(new Problem(Kind.POINTER, where, "points to block " + b + ", which inode " + other + " uses too"));
            return false;
        }
        return true;
    }

    private void checkDirectory(int d, int[] refs, Set<Integer> seenDirs, ArrayDeque<Integer> dirs) {
        Inode dir = inode(d);
        Set<String> names = new HashSet<>();
        for (long fb = 0; fb < dir.size() / Superblock.BLOCK_SIZE; fb++) {
            long block = fileBlock(dir, fb);
            if (block <= 0) {
                continue;
            }
            byte[] b = read(block);
            for (int slot = 0; slot < DirEntry.PER_BLOCK; slot++) {
                DirEntry e = DirEntry.decode(b, slot);
                if (e == null) {
                    continue;
                }
                String where = "directory inode " + d + " block " + block + " entry " + slot + " '"
                        + DirEntry.printable(e.name()) + "'";
                String wrong = entryProblem(e, names, seenDirs);
                if (wrong != null) {
                    problems.add(new Problem(Kind.DIRECTORY, where, wrong));
                    if (repair) {
                        DirEntry.clear(change(block), slot);
                        b = read(block);
                    }
                    continue;
                }
                refs[e.inode()]++;
                if (inode(e.inode()).kind() == Inode.Kind.DIRECTORY) {
                    seenDirs.add(e.inode());
                    dirs.add(e.inode());
                }
            }
        }
    }

    private String entryProblem(DirEntry e, Set<String> names, Set<Integer> seenDirs) {
        if (e.inode() < 0 || e.inode() >= sb.inodes()) {
            return "points to inode " + (e.inode() & 0xffffffffL) + ", outside the inode table (0 to " + (sb.inodes() - 1) + ")";
        }
        if (e.inode() == 0 || e.inode() == Inode.ROOT) {
            return "points to inode " + e.inode() + ", which no entry may name";
        }
        String bad = DirEntry.nameProblem(e.name());
        if (bad != null) {
            return "bad name: " + bad;
        }
        if (!names.add(e.name())) {
            return "the name appears twice in the directory";
        }
        Inode target = inode(e.inode());
        if (target.kind() == null || target.kind() == Inode.Kind.FREE) {
            return "points to inode " + e.inode() + ", which is free";
        }
        if (target.kind() == Inode.Kind.DIRECTORY && seenDirs.contains(e.inode())) {
            return "points to directory inode " + e.inode() + ", which another entry names already";
        }
        return null;
    }

    /** The disk block of a directory's file block fb, 0 for a hole, -1 if a pointer on the way is bad. */
    private long fileBlock(Inode in, long fb) {
        if (fb < Inode.DIRECT) {
            int b = in.direct()[(int) fb];
            return b == 0 || inData(b) ? b : -1;
        }
        fb -= Inode.DIRECT;
        if (fb < Inode.POINTERS) {
            if (in.indirect() == 0 || !inData(in.indirect())) {
                return in.indirect() == 0 ? 0 : -1;
            }
            int b = Bytes.getInt(read(in.indirect()), (int) fb * 4);
            return b == 0 || inData(b) ? b : -1;
        }
        return -1; // a directory of over 1034 blocks (66,000 entries) is past what the file system makes
    }

    private void checkBitmap(Map<Long, Integer> owner) {
        long mismatched = 0;
        for (int m = 0; m < sb.bitmapBlocks(); m++) {
            byte[] bits = read(sb.bitmapStart() + m);
            for (int bit = 0; bit < Bitmap.BITS_PER_BLOCK; bit++) {
                long b = (long) m * Bitmap.BITS_PER_BLOCK + bit;
                boolean used = b < sb.dataStart() || b >= sb.blocks() || owner.containsKey(b);
                boolean marked = Bitmap.get(bits, b);
                if (used != marked) {
                    if (mismatched++ < 20) {
                        problems.add(new Problem(Kind.BITMAP, "bitmap block " + (sb.bitmapStart() + m), used
                                ? "block " + b + " is in use" + (owner.containsKey(b) ? " by inode " + owner.get(b) : "")
                                        + " but marked free"
                                : "block " + b + " is marked in use but nothing uses it"));
                    }
                    if (repair) {
                        Bitmap.set(change(sb.bitmapStart() + m), b, used);
                        bits = read(sb.bitmapStart() + m);
                    }
                }
            }
        }
        if (mismatched > 20) {
            problems.add(new Problem(Kind.BITMAP, "bitmap", (mismatched - 20) + " more blocks marked wrongly"));
        }
    }
}
