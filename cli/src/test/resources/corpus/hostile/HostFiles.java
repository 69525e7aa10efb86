// expect [host-io] java.io.FileInputStream
// expect [host-io] java.nio.file.Files.readAllLines
// expect [host-io] java.io.PrintStream.<init>
import java.io.FileInputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

public class HostFiles {
    public static void main(String[] args) throws Exception {
        try (var in = new FileInputStream("/etc/hostname")) {
            System.out.println(in.read());
        }
        System.out.println(Files.readAllLines(Path.of("/etc/hostname")));
        try (var out = new PrintStream("stolen.txt")) {
            out.println("written to the host");
        }
    }
}
