// expect [host-io] java.io.RandomAccessFile
// expect [host-io] java.nio.file.Path.getFileSystem
// expect [host-io] java.io.PrintStream.<init>
// expect [host-io] java.nio.channels.FileChannel
// expect [host-io] java.io.File.renameTo
import java.io.File;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The file APIs that would still reach the host's files: FileInputStream, Files and the like act on
 * the SIP's granted directories (GrantedDirectoriesTest); these have no SIP version and are refused.
 */
public class HostFiles {
    public static void main(String[] args) throws Exception {
        try (var in = new RandomAccessFile("/etc/hostname", "r")) {
            System.out.println(in.read());
        }
        System.out.println(Path.of("/etc/hostname").getFileSystem().provider());
        try (var out = new PrintStream("stolen.txt", "UTF-8")) {
            out.println("written to the host");
        }
        try (var channel = FileChannel.open(Path.of("stolen.txt"), StandardOpenOption.WRITE)) {
            System.out.println(channel.size());
        }
        System.out.println(new File("/etc/hostname").renameTo(new File("/tmp/x")));
    }
}
