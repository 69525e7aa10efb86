import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;

/** Walks the tree named on its command line: Files.walk with sizes, File.listFiles, Files.list, depth limits. */
public class WalkTree {
    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        try (Stream<Path> walk = Files.walk(root)) {
            walk.sorted().forEach(p -> {
                try {
                    System.out.println((Files.isDirectory(p) ? "d " : "f ") + p + (Files.isRegularFile(p) ? " " + Files.size(p) : ""));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
        try (Stream<Path> shallow = Files.walk(root, 1)) {
            System.out.println("depth 1: " + shallow.count());
        }
        long total = 0;
        try (Stream<Path> files = Files.walk(root)) {
            total = files.filter(Files::isRegularFile).mapToLong(p -> new File(p.toString()).length()).sum();
        }
        System.out.println("total bytes " + total);
        File[] top = new File(args[0]).listFiles();
        Arrays.sort(top);
        for (File f : top) {
            System.out.println("listFiles " + f.getPath() + (f.isDirectory() ? "/" : ""));
        }
        System.out.println("names " + Arrays.stream(new File(args[0]).list()).sorted().toList());
        System.out.println("missing list " + new File(args[0], "nope").list());
        try (Stream<Path> s = Files.walk(root.resolve("nope"))) {
            s.count();
        } catch (java.nio.file.NoSuchFileException e) {
            System.out.println("walk missing: " + e.getMessage());
        }
    }
}
