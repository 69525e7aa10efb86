import singj.abi.Block;
import singj.abi.ChannelClosedException;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.FileHandle;
import singj.abi.Message;
import singj.abi.Sip;

/**
 * An attacker who has read the file system's code and knows its quotas were once kept per
 * connection: it uses up its quota of files and of bytes, then tries to get a fresh one by
 * connecting to /fs again, by creating through a subdirectory's endpoint, and by connecting again
 * and again (each connection was once a new client). Each attempt prints what happened; the test
 * judges from outside. args[0] prefixes its names, so that a second run can use new ones.
 */
public class QuotaResetter {
    public static void main(String[] args) {
        String p = args[0];
        Endpoint<Directory> root = Sip.open("/fs", Directory.class);
        root.send(new Directory.OpenDirectory(p + "sub", true));
        Message opened = root.receive();
        if (!(opened instanceof Directory.OpenedDirectory(Endpoint<Directory> sub))) {
            System.out.println("sub: " + opened);
            return;
        }
        int files = 0;
        String refused = null;
        while (refused == null && files < 10_000) {
            root.send(new Directory.CreateDirectory(p + "d" + files));
            refused = error(root.receive());
            if (refused == null) {
                files++;
            }
        }
        System.out.println("files: " + files + " then " + refused);
        sub.send(new Directory.CreateDirectory("below"));
        System.out.println("subdirectory create: " + error(sub.receive()));

        root.close();
        Endpoint<Directory> again = Sip.open("/fs", Directory.class);
        again.send(new Directory.CreateDirectory(p + "again"));
        System.out.println("reconnected create: " + error(again.receive()));

        // bytes: a file that exists already costs no file; write until the quota stops it
        again.send(new Directory.OpenFile(p + "sub", false, false));
        error(again.receive()); // a directory: is-a-directory; the bytes go into a file made before the quota ran out
        again.send(new Directory.Delete(p + "d0"));
        error(again.receive()); // gives back one file, to make the file to write into
        again.send(new Directory.OpenFile(p + "data", true, false));
        Message m = again.receive();
        if (!(m instanceof Directory.OpenedFile(Endpoint<FileHandle> file))) {
            System.out.println("data: " + m);
            return;
        }
        Block block = Sip.allocate(64 << 10);
        long written = 0;
        String full = null;
        while (full == null && written < (1L << 30)) {
            file.send(new FileHandle.Write(64 << 10, block));
            switch (file.receive()) {
                case FileHandle.Written(Block back, int n) -> {
                    block = back;
                    written += n;
                }
                case FileHandle.Failed(String error, String reason, Block back) -> {
                    block = back;
                    full = error;
                }
                default -> throw new IllegalStateException("not an answer to Write");
            }
        }
        System.out.println("bytes: " + (written >> 10) + " KiB then " + full);
        file.close();
        again.close();
        Endpoint<Directory> third = Sip.open("/fs", Directory.class);
        third.send(new Directory.OpenFile(p + "data", false, false));
        Message reopened = third.receive();
        if (reopened instanceof Directory.OpenedFile(Endpoint<FileHandle> same)) {
            same.send(new FileHandle.Seek(written));
            same.receive();
            same.send(new FileHandle.Write(64 << 10, block));
            switch (same.receive()) {
                case FileHandle.Failed(String error, String reason, Block back) -> {
                    System.out.println("reconnected write: " + error);
                    back.free();
                }
                case FileHandle.Written(Block back, int n) -> {
                    System.out.println("reconnected write: WRITTEN " + n);
                    back.free();
                }
                default -> throw new IllegalStateException("not an answer to Write");
            }
            same.close();
        } else {
            System.out.println("reopen: " + reopened);
            block.free();
        }

        // connections as a flood: each was once a new client with its own count of open endpoints
        int held = 0;
        String stop = null;
        while (stop == null && held < 200) {
            try {
                Endpoint<Directory> c = Sip.open("/fs", Directory.class);
                c.send(new Directory.Stat(""));
                Message s = c.receive();
                held++; // kept open, never closed: the file system must count them as this SIP's
                if (!(s instanceof Directory.Status)) {
                    stop = "answered " + s;
                }
            } catch (ChannelClosedException closed) {
                stop = "closed";
            } catch (RuntimeException other) {
                stop = other.getClass().getSimpleName();
            }
        }
        System.out.println("connections: " + held + " then " + stop);
        sub.close();
        third.close();
        System.out.println("done");
    }

    /** null for Done, else the error's name. */
    private static String error(Message m) {
        if (m instanceof Directory.Failed(String error, String reason)) {
            return error;
        }
        return m instanceof Directory.Done ? null : "ANSWERED " + m;
    }
}
