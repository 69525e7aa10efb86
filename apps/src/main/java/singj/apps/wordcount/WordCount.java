package singj.apps.wordcount;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Counts the words on standard input and prints the most frequent ones. */
public class WordCount {
    public static void main(String[] args) {
        int top = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Map<String, Long> counts = new BufferedReader(new InputStreamReader(System.in)).lines()
                .flatMap(line -> java.util.Arrays.stream(line.toLowerCase().split("\\W+")))
                .filter(word -> !word.isEmpty())
                .collect(Collectors.groupingBy(word -> word, TreeMap::new, Collectors.counting()));
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .limit(top)
                .forEach(entry -> System.out.printf("%6d %s%n", entry.getValue(), entry.getKey()));
    }
}
