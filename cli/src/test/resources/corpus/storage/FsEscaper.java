import singj.abi.Block;
import singj.abi.BlockDevice;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.FileHandle;
import singj.abi.Message;
import singj.abi.Sip;

/**
 * An attacker who has read the file system's code, given /fs as the shell gives a program (and
 * asking for /dev/* too): it tries every way out of a directory (.., absolute paths, empty and
 * dot components, over-long names, a NUL), the same from a subdirectory's endpoint, a flood of
 * opens, the raw disk, a contract violation and a deleted file's endpoint; then it writes a file,
 * syncs, holds it open and waits to be killed. Each attempt prints what happened; the test judges
 * from outside.
 */
public class FsEscaper {
    public static void main(String[] args) throws Exception {
        Endpoint<Directory> root = Sip.open("/fs", Directory.class);
        String[] escapes = {"../secret", "/secret", "a/../../secret", "..", ".", "./secret", "a//b",
                "x".repeat(200), "bad\u0000name", "secret/..", "secret/"};
        for (String path : escapes) {
            root.send(new Directory.OpenFile(path, true, false));
            Message m = root.receive();
            if (m instanceof Directory.OpenedFile(Endpoint<FileHandle> escaped)) {
                System.out.println("open " + path.length() + ": ESCAPED");
                escaped.close();
            } else {
                System.out.println("open " + path.length() + ": " + error(m));
            }
        }
        root.send(new Directory.OpenDirectory("jail", true));
        Message opened = root.receive();
        if (!(opened instanceof Directory.OpenedDirectory(Endpoint<Directory> jail))) {
            System.out.println("jail: " + opened);
            return;
        }
        jail.send(new Directory.Stat("../secret"));
        System.out.println("jail stat: " + error(jail.receive()));
        jail.send(new Directory.Delete("../secret"));
        System.out.println("jail delete: " + error(jail.receive()));
        jail.send(new Directory.Rename("../secret", "stolen"));
        System.out.println("jail rename: " + error(jail.receive()));
        jail.send(new Directory.List(".."));
        System.out.println("jail list: " + error(jail.receive()));
        jail.send(new Directory.OpenFile("secret", false, false));
        System.out.println("jail open: " + error(jail.receive()));

        int opens = 0;
        String refused = null;
        while (refused == null && opens < 5000) {
            root.send(new Directory.OpenFile("flood", true, false));
            Message m = root.receive();
            if (m instanceof Directory.OpenedFile(Endpoint<FileHandle> kept)) {
                opens++; // kept open, never closed: the file system must bound what one client holds
            } else {
                refused = error(m);
            }
        }
        System.out.println("flood: " + opens + " then " + refused);

        try {
            Endpoint<BlockDevice> disk = Sip.open("/dev/disk0", BlockDevice.class);
            System.out.println("disk: OPENED " + disk);
        } catch (RuntimeException e) {
            System.out.println("disk: " + e.getClass().getSimpleName());
        }
        System.out.println("done probing");
        System.out.flush();
        // wait for the test to make room (it cannot: this client's endpoints stay open) and be killed
        Thread.sleep(Long.MAX_VALUE);
    }

    private static String error(Message m) {
        if (m instanceof Directory.Failed(String error, String reason)) {
            return error;
        }
        return "ANSWERED " + m;
    }
}
