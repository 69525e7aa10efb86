import java.io.BufferedReader;
import java.io.File;
import java.io.FileReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Scanner;
import java.util.TreeMap;
import java.util.stream.Stream;

/** A word counter reading the files named on its command line, three ways: what java prints, singj must print. */
public class WordCount {
    public static void main(String[] args) throws IOException {
        long totalLines = 0;
        for (String name : args) {
            long lines = 0, words = 0, chars = 0;
            try (BufferedReader reader = new BufferedReader(new FileReader(name))) {
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
            totalLines += lines;
            System.out.printf("%7d %7d %7d %s%n", lines, words, chars, name);
            Map<String, Integer> frequency = new TreeMap<>();
            try (Scanner scanner = new Scanner(new File(name))) {
                while (scanner.hasNext()) {
                    frequency.merge(scanner.next().toLowerCase(), 1, Integer::sum);
                }
            }
            System.out.println("  distinct words: " + frequency.size() + ", most: " + frequency.entrySet().stream()
                    .max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse("-"));
            try (Stream<String> stream = Files.lines(Path.of(name))) {
                System.out.println("  longest line: " + stream.mapToInt(String::length).max().orElse(0));
            }
            System.out.println("  size " + Files.size(Path.of(name)) + " = " + new File(name).length());
        }
        System.out.println("total lines " + totalLines);
        try {
            new FileReader("no-such-file.txt");
        } catch (java.io.FileNotFoundException e) {
            System.out.println("missing: " + e.getMessage());
        }
    }
}
