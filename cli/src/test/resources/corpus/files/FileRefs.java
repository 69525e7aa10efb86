import java.io.FileNotFoundException;
import java.io.FileReader;
import java.io.RandomAccessFile;

/** Hostile: a constructor reference to FileReader, RandomAccessFile and the host FileSystem: refused at install. */
public class FileRefs {
    interface Opener { FileReader open(String name) throws FileNotFoundException; }

    public static void main(String[] args) throws Exception {
        Opener opener = FileReader::new;
        System.out.println(opener.open(args[0]).read());
        System.out.println(new RandomAccessFile(args[0], "r").length());
        System.out.println(java.nio.file.Path.of(args[0]).getFileSystem().provider());
    }
}
