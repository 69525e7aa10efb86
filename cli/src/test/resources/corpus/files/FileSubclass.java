import java.io.FileInputStream;
import java.io.IOException;
import java.util.function.Function;

/**
 * Hostile: a FileInputStream subclass would open the host file in its super(...) call, and a
 * constructor reference would reach the JDK's constructor: both are refused at install.
 */
public class FileSubclass extends FileInputStream {
    FileSubclass(String name) throws IOException {
        super(name);
    }

    public static void main(String[] args) throws IOException {
        System.out.println(new String(new FileSubclass(args[0]).readAllBytes()));
        Function<java.io.File, java.util.Scanner> open = file -> null;
        System.out.println(open);
    }
}
