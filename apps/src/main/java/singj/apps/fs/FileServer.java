package singj.apps.fs;

import java.util.concurrent.atomic.AtomicInteger;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.Owned;
import singj.abi.Service;
import singj.abi.Sip;
import singj.fs.DamagedException;
import singj.fs.DiskException;
import singj.fs.FileSystem;
import singj.fs.FsException;

/**
 * The file system SIP: mounts the file system on the disk the driver serves at {@code /dev/disk0}
 * (making one first on a disk that holds none: a new disk reads as zeros) and serves its root
 * directory at {@value Directory#ROOT}, each connection in a {@link Session}, each client SIP with a
 * quota of its own ({@link Clients}).
 * A damaged disk is refused with one line saying what and where (the kernel and the rest of the
 * system run on), or mounted read-only when only the journal is damaged. If the driver goes away,
 * the file system ends too, so that its clients see their channels closed rather than errors
 * without end; restarted with the driver, it recovers from its journal.
 */
public final class FileServer {
    static final String DISK = "/dev/disk0";
    /**
     * Endpoints served at once, over all clients: each is a thread, and the SIP's thread quota
     * (1024 by default) must not run out under a flood of connections, or no one would be served.
     */
    static final int MAX_SERVED = 768;

    private FileServer() {}

    /**
     * How long what a client wrote and did not sync may wait for a commit, unless the starter says
     * otherwise (ext4 commits every 5 s): a crash loses at most this much of what no one synced.
     */
    static final long COMMIT_EVERY_MILLIS = 5_000;

    /**
     * {@code file-system [--quota BYTES FILES] [--commit-every MILLIS] [--cache BYTES]}: each client
     * SIP may use BYTES of blocks and create FILES files and directories ({@value Clients#QUOTA_BYTES}
     * and {@value Clients#QUOTA_FILES} unless given); what no client synced is committed every MILLIS
     * ({@value #COMMIT_EVERY_MILLIS}; 0: only when a client's last endpoint closes, and when asked);
     * the cache of clean disk blocks holds at most BYTES ({@link FileSystem#DEFAULT_CACHE_BYTES}
     * unless given, at least {@link FileSystem#MIN_CACHE_BYTES}).
     */
    public static void main(String[] args) {
        long quotaBytes = Clients.QUOTA_BYTES;
        long quotaFiles = Clients.QUOTA_FILES;
        long commitEvery = COMMIT_EVERY_MILLIS;
        long cacheBytes = FileSystem.DEFAULT_CACHE_BYTES;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--quota" -> {
                        quotaBytes = Long.parseLong(args[++i]);
                        quotaFiles = Long.parseLong(args[++i]);
                    }
                    case "--commit-every" -> commitEvery = Long.parseLong(args[++i]);
                    case "--cache" -> {
                        cacheBytes = Long.parseLong(args[++i]);
                        if (cacheBytes < FileSystem.MIN_CACHE_BYTES) {
                            throw new IllegalArgumentException("--cache " + cacheBytes + ": the block cache holds at least "
                                    + FileSystem.MIN_CACHE_BYTES + " bytes");
                        }
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
        } catch (RuntimeException e) {
            System.err.println("file-system: " + e.getMessage()
                    + "; usage: file-system [--quota BYTES FILES] [--commit-every MILLIS] [--cache BYTES]");
            System.exit(2);
            return;
        }
        Clients clients = new Clients(quotaBytes, quotaFiles);
        FileSystem fs;
        try {
            fs = mount(new ChannelDisk(DISK), cacheBytes);
        } catch (DamagedException e) {
            System.err.println("file-system: not mounting " + DISK + ": " + e.getMessage());
            System.exit(2);
            return;
        } catch (DiskException e) {
            System.err.println("file-system: no disk: " + e.getMessage());
            System.exit(1);
            return;
        }
        if (!fs.recovery().equals("clean")) {
            System.err.println("file-system: " + fs.recovery());
        }
        Service<Directory> root = Sip.register(Directory.ROOT, Directory.class);
        AtomicInteger served = new AtomicInteger();
        long interval = commitEvery;
        if (interval > 0) {
            new Thread(() -> commitPeriodically(fs, clients, interval), "commit").start();
        }
        while (true) {
            Endpoint<Directory> accepted = root.accept();
            Session session = new Session(fs, clients.of(accepted.opener()), served);
            if (session.reserveOpen() != null) {
                accepted.close(); // the client sees its channel closed; those already served go on
                continue;
            }
            Owned<Endpoint<Directory>> client = new Owned<>(accepted);
            new Thread(() -> session.serveDirectory(fs.root(), client.take(), false), "client").start();
        }
    }

    /**
     * Commits, every {@code millis}, what clients changed and did not sync, and
     * forgets the clients that have ended. A failed commit has made the file system read-only (it
     * says why to every writer); a lost disk ends the SIP.
     */
    private static void commitPeriodically(FileSystem fs, Clients clients, long millis) {
        while (true) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                return;
            }
            clients.forgetEnded();
            if (fs.pendingBlocks() == 0) {
                continue;
            }
            try {
                fs.sync();
            } catch (FsException e) {
                if (e.error().equals(Directory.CLOSED)) {
                    diskGone(e.getMessage());
                }
                System.err.println("file-system: a periodic commit failed: " + e.getMessage());
            }
        }
    }

    /**
     * Ends the file system when its disk is gone for good (the driver ended): its clients' channels
     * close, which tells them more than an error on every request would, and a file system started
     * again with the driver recovers what was committed from the journal.
     */
    static void diskGone(String why) {
        System.err.println("file-system: ending: " + why);
        System.exit(1);
    }

    /** Mounts the disk, or makes a file system on it first if it has never held one (block 0 all zeros). */
    static FileSystem mount(ChannelDisk disk, long cacheBytes) throws DamagedException {
        byte[] first = new byte[4096];
        disk.read(0, 8, first);
        boolean blank = true;
        for (byte b : first) {
            blank &= b == 0;
        }
        if (blank) {
            FileSystem.mkfs(disk); // a new disk: the image's first boot, which says nothing (as all is well)
        }
        return FileSystem.mount(disk, cacheBytes);
    }

}
