// stdin: the quick brown fox
// stdin: jumps over the lazy dog
// stdin:
// stdin:   Indented line with    spaces
// stdin: THE END the end
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

/** Reads standard input line by line with a BufferedReader and reports on it. */
public class ReadLines {
    public static void main(String[] args) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String line; (line = in.readLine()) != null; ) {
            lines.add(line);
        }
        System.out.println("read " + lines.size() + " lines");
        Map<String, Integer> words = new TreeMap<>();
        int chars = 0;
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            chars += line.length();
            System.out.printf(Locale.ROOT, "%3d: [%s] (%d chars, blank=%b)%n", i + 1, line, line.length(), line.isBlank());
            for (String w : line.trim().split("\\s+")) {
                if (!w.isEmpty()) words.merge(w.toLowerCase(Locale.ROOT), 1, Integer::sum);
            }
        }
        System.out.println("characters " + chars);
        words.forEach((w, n) -> System.out.println(w + " " + n));
        System.out.println("end of input reached: " + (in.readLine() == null));
    }
}
