import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A hostile program that has read GrantedDirectories and FileCalls: given /work read-only and /out
 * read-write, it tries every way out of them and every write into /work. args: the secret's host
 * path, the granted directory's host path. Prints "refused <what>: <exception>" or "ESCAPED <what>".
 */
public class FileEscaper {
    static void read(String what, String path) {
        try {
            String text = Files.readString(Path.of(path));
            System.out.println("ESCAPED read " + what + ": " + text.strip());
        } catch (IOException | RuntimeException e) {
            System.out.println("refused read " + what + ": " + e.getClass().getSimpleName());
        }
        try (InputStream in = new FileInputStream(path)) {
            System.out.println("ESCAPED stream " + what + ": " + new String(in.readAllBytes()).strip());
        } catch (IOException | RuntimeException e) {
            System.out.println("refused stream " + what + ": " + e.getClass().getSimpleName());
        }
    }

    static void write(String what, String path) {
        try {
            Files.writeString(Path.of(path), "overwritten by FileEscaper\n");
            System.out.println("ESCAPED write " + what);
        } catch (IOException | RuntimeException e) {
            System.out.println("refused write " + what + ": " + e.getClass().getSimpleName());
        }
        try (FileOutputStream out = new FileOutputStream(path, true)) {
            out.write("appended by FileEscaper\n".getBytes());
            System.out.println("ESCAPED append " + what);
        } catch (IOException | RuntimeException e) {
            System.out.println("refused append " + what + ": " + e.getClass().getSimpleName());
        }
    }

    public static void main(String[] args) throws IOException {
        String secret = args[0];
        String grantedHost = args[1];
        read("dot-dot", "../" + Path.of(secret).getFileName());
        read("deep dot-dot", "/work/sub/../../../../" + secret);
        read("host absolute path", secret);
        read("granted dir by its host path", grantedHost + "/input.txt");
        read("link to the secret", "link-out");
        read("file through a linked directory", "linkdir/" + Path.of(secret).getFileName());
        read("proc", "/proc/self/environ");
        read("etc", "/etc/passwd");
        read("device", "/dev/zero");
        read("pipe in the grant", "fifo");
        read("directory as a file", "/work");
        System.out.println("list through a linked directory: " + new File("linkdir").list());
        System.out.println("walk sees the link, not through it: " + Files.walk(Path.of("/work")).map(Path::toString).sorted().toList());

        write("read-only grant", "/work/input.txt");
        write("new file in read-only grant", "/work/new.txt");
        write("link in writable grant", "/out/link-out");
        write("dot-dot out of writable grant", "/out/../" + Path.of(secret).getFileName());
        write("host path of the secret", secret);
        System.out.println("delete in read-only grant: " + new File("/work/input.txt").delete());
        System.out.println("mkdir in read-only grant: " + new File("/work/newdir").mkdir());
        System.out.println("delete the mount: " + new File("/out").delete());
        try {
            new FileReader("/out/link-out").close();
            System.out.println("ESCAPED reader through link");
        } catch (IOException e) {
            System.out.println("refused reader through link: " + e.getMessage());
        }

        List<InputStream> hoard = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                hoard.add(new FileInputStream("input.txt"));
            }
            System.out.println("ESCAPED: 1000 host files open");
        } catch (IOException e) {
            System.out.println("open files stopped at " + hoard.size() + ": " + e.getMessage());
        }
        System.out.println("the end, holding " + hoard.size() + " files");
    }
}
