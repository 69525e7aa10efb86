import java.io.File;
import java.io.FileInputStream;
import java.io.FileWriter;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Hostile: run from the shell in a directory of the file system, it tries to read, write and
 * delete above it with plain Java file code (.., absolute paths, the shell's names, /kernel), floods
 * opens, and with "ro" tries to change its read-only directory. It prints ESCAPED for anything that
 * works where it must not; the test judges it from outside too.
 */
public class CwdEscaper {
    static void refused(String what, Callable<?> attempt) {
        try {
            Object got = attempt.call();
            if (got instanceof Boolean b && !b) {
                System.out.println("refused " + what + ": false");
            } else {
                System.out.println("ESCAPED " + what + ": " + got);
            }
        } catch (Exception e) {
            System.out.println("refused " + what + ": " + e.getClass().getSimpleName());
        }
    }

    public static void main(String[] args) throws Exception {
        boolean readOnly = args.length > 0 && args[0].equals("ro");
        System.out.println("cwd " + Path.of("").toAbsolutePath());
        System.out.println("own file: " + Files.readString(Path.of("in.txt")).strip());
        refused("read ../secret.txt", () -> Files.readString(Path.of("../secret.txt")));
        refused("read deep ..", () -> Files.readString(Path.of("../../../../../secret.txt")));
        refused("read absolute /secret.txt", () -> Files.readString(Path.of("/secret.txt")));
        refused("stream ../secret.txt", () -> new FileInputStream("../secret.txt").read());
        refused("read /fs/secret.txt", () -> Files.readString(Path.of("/fs/secret.txt")));
        refused("read /kernel/processes", () -> Files.readAllBytes(Path.of("/kernel/processes")));
        refused("exists ../secret.txt", () -> new File("../secret.txt").exists());
        refused("write ../planted.txt", () -> {
            Files.writeString(Path.of("../planted.txt"), "planted");
            return true;
        });
        refused("write /planted.txt", () -> {
            try (FileWriter w = new FileWriter("/planted.txt")) {
                w.write("planted");
            }
            return true;
        });
        refused("append ../secret.txt", () -> {
            Files.writeString(Path.of("../secret.txt"), "more", StandardOpenOption.APPEND);
            return true;
        });
        refused("mkdir ../made", () -> new File("../made").mkdir());
        refused("delete ../secret.txt", () -> {
            Files.delete(Path.of("../secret.txt"));
            return true;
        });
        refused("delete its own directory", () -> {
            Files.delete(Path.of("."));
            return true;
        });
        refused("name with a newline", () -> {
            Files.writeString(Path.of("a\nb"), "x");
            return true;
        });
        refused("a 200-byte name", () -> {
            Files.writeString(Path.of("n".repeat(200)), "x");
            return true;
        });
        System.out.println("root lists " + Files.list(Path.of("/")).map(Path::toString).sorted().toList());
        if (readOnly) {
            refused("ro: FileWriter in.txt", () -> {
                try (FileWriter w = new FileWriter("in.txt")) {
                    w.write("overwritten");
                }
                return true;
            });
            refused("ro: Files.writeString new.txt", () -> {
                Files.writeString(Path.of("new.txt"), "x");
                return true;
            });
            refused("ro: append in.txt", () -> {
                Files.writeString(Path.of("in.txt"), "x", StandardOpenOption.APPEND);
                return true;
            });
            refused("ro: delete in.txt", () -> new File("in.txt").delete());
            refused("ro: mkdir sub", () -> {
                Files.createDirectory(Path.of("sub"));
                return true;
            });
        }
        List<InputStream> held = new ArrayList<>();
        try {
            for (int i = 0; i < 1000; i++) {
                held.add(new FileInputStream("in.txt"));
            }
            System.out.println("ESCAPED 1000 opens held");
        } catch (Exception e) {
            System.out.println("opens stopped at " + held.size() + ": " + e.getMessage());
        }
        System.out.println("the end, holding " + held.size());
    }
}
