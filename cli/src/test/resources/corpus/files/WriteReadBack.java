import java.io.BufferedWriter;
import java.io.File;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.FileWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** Writes files every common way into its working directory, reads them back, and cleans up part of it. */
public class WriteReadBack {
    public static void main(String[] args) throws IOException {
        Path dir = Path.of("made/deeper");
        Files.createDirectories(dir);
        System.out.println("dir exists " + Files.isDirectory(dir) + " " + new File("made").isDirectory());

        try (PrintWriter out = new PrintWriter("made/print.txt")) {
            out.println("printed " + 42);
            out.printf("%s and %d%n", "formatted", 7);
        }
        try (FileWriter writer = new FileWriter("made/writer.txt")) {
            writer.write("from a FileWriter\n");
            writer.append("appended ").append('x').append("\n");
        }
        try (FileWriter writer = new FileWriter("made/writer.txt", true)) {
            writer.write("second open, appending\n");
        }
        try (FileOutputStream out = new FileOutputStream(new File(dir.toFile(), "bytes.bin"))) {
            for (int i = 0; i < 1000; i++) {
                out.write(i);
            }
        }
        Files.writeString(dir.resolve("nio.txt"), "written by Files\n");
        Files.writeString(dir.resolve("nio.txt"), "and more\n", StandardOpenOption.APPEND);
        Files.write(Path.of("made/lines.txt"), List.of("one", "two", "three"));
        try (BufferedWriter writer = Files.newBufferedWriter(Path.of("made/buffered.txt"))) {
            writer.write("buffered\n");
        }

        System.out.print(Files.readString(Path.of("made/print.txt")));
        System.out.print(Files.readString(Path.of("made/writer.txt")));
        System.out.print(Files.readString(dir.resolve("nio.txt")));
        System.out.println(Files.readAllLines(Path.of("made/lines.txt")));
        try (FileInputStream in = new FileInputStream("made/deeper/bytes.bin")) {
            byte[] bytes = in.readAllBytes();
            long sum = 0;
            for (byte b : bytes) {
                sum += b & 0xff;
            }
            System.out.println("bytes " + bytes.length + " sum " + sum);
        }
        System.out.println("buffered: " + new String(Files.readAllBytes(Path.of("made/buffered.txt")), StandardCharsets.UTF_8).strip());
        System.out.println("listing " + Files.list(Path.of("made")).map(p -> p.getFileName().toString()).sorted().toList());

        try {
            Files.createDirectory(Path.of("made"));
        } catch (FileAlreadyExistsException e) {
            System.out.println("exists: " + e.getMessage());
        }
        try {
            Files.delete(Path.of("made"));
        } catch (DirectoryNotEmptyException e) {
            System.out.println("not empty: " + e.getMessage());
        }
        Files.delete(Path.of("made/buffered.txt"));
        System.out.println("deleted " + !Files.exists(Path.of("made/buffered.txt")) + " " + new File("made/lines.txt").delete()
                + " " + new File("made/lines.txt").exists());
        try {
            Files.delete(Path.of("made/buffered.txt"));
        } catch (NoSuchFileException e) {
            System.out.println("gone: " + e.getMessage());
        }
        System.out.println("deleteIfExists " + Files.deleteIfExists(Path.of("made/print.txt")) + " "
                + Files.deleteIfExists(Path.of("made/print.txt")));
    }
}
