import java.io.BufferedReader;
import java.io.FileReader;
import java.io.FileWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A word counter that writes its result to a file: reads the file named first, writes the counts
 * to the file named second (FileWriter), and appends a line to log.txt (Files.writeString APPEND).
 */
public class CountInto {
    public static void main(String[] args) throws IOException {
        long lines = 0, words = 0, chars = 0;
        try (BufferedReader reader = new BufferedReader(new FileReader(args[0]))) {
            for (String line; (line = reader.readLine()) != null; ) {
                lines++;
                chars += line.length() + 1;
                for (String word : line.trim().split("\\s+")) {
                    if (!word.isEmpty()) {
                        words++;
                    }
                }
            }
        }
        String result = lines + " " + words + " " + chars + " " + args[0] + "\n";
        try (FileWriter out = new FileWriter(args[1])) {
            out.write(result);
        }
        Files.writeString(Path.of("log.txt"), "counted " + args[0] + "\n", StandardOpenOption.CREATE,
                StandardOpenOption.APPEND);
        System.out.print("wrote " + args[1] + ": " + Files.readString(Path.of(args[1])));
        System.out.print("log: " + Files.readString(Path.of("log.txt")));
        System.out.println("working directory " + Path.of("").toAbsolutePath().getFileName());
    }
}
