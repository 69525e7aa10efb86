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

/**
 * The file system SIP: mounts the file system on the disk the driver serves at {@code /dev/disk0}
 * (making one first on a disk that holds none: a new disk reads as zeros) and serves its root
 * directory at {@value Directory#ROOT}, each client in a {@link Session} with a quota of its own.
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

    public static void main(String[] args) {
        FileSystem fs;
        try {
            fs = mount(new ChannelDisk(DISK));
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
        while (true) {
            Endpoint<Directory> accepted = root.accept();
            if (served.incrementAndGet() > MAX_SERVED) {
                served.decrementAndGet();
                accepted.close(); // the client sees its channel closed; those already served go on
                continue;
            }
            Owned<Endpoint<Directory>> client = new Owned<>(accepted);
            Session session = new Session(fs, served);
            new Thread(() -> session.serveDirectory(fs.root(), client.take()), "client").start();
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
    static FileSystem mount(ChannelDisk disk) throws DamagedException {
        byte[] first = new byte[4096];
        disk.read(0, 8, first);
        boolean blank = true;
        for (byte b : first) {
            blank &= b == 0;
        }
        if (blank) {
            FileSystem.mkfs(disk); // a new disk: the image's first boot, which says nothing (as all is well)
        }
        return FileSystem.mount(disk);
    }

}
