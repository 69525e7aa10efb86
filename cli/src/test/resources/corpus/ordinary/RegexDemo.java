import java.util.*;
import java.util.regex.*;

/** Regular expressions: groups, named groups, find loops, replace with callbacks, split, flags. */
public class RegexDemo {
    public static void main(String[] args) {
        String log = """
                2024-01-05 12:00:01 ERROR [db] connection refused (code=111)
                2024-01-05 12:00:07 WARN  [web] slow response 1532ms
                2024-01-06 08:15:00 INFO  [db] reconnected after 3 attempts
                2024-01-06 09:01:44 ERROR [auth] token expired for user=alice
                """;
        Pattern line = Pattern.compile("^(?<date>\\d{4}-\\d{2}-\\d{2}) (?<time>[\\d:]+) (?<level>\\w+)\\s+\\[(?<component>\\w+)] (?<msg>.*)$",
                Pattern.MULTILINE);
        Matcher m = line.matcher(log);
        Map<String, Integer> levels = new TreeMap<>();
        while (m.find()) {
            System.out.println(m.group("level") + " @ " + m.group("date") + "T" + m.group("time") + " in " + m.group("component")
                    + ": " + m.group("msg") + " [" + m.start() + "," + m.end() + ")");
            levels.merge(m.group("level"), 1, Integer::sum);
        }
        System.out.println("levels " + levels);
        Matcher numbers = Pattern.compile("\\d+").matcher("a1b22c333d4444");
        List<String> found = new ArrayList<>();
        while (numbers.find()) found.add(numbers.group());
        System.out.println("numbers " + found + " count " + Pattern.compile("\\d+").matcher("a1b22c333d4444").results().count());
        System.out.println("replaceAll " + "2024-01-05".replaceAll("(\\d+)-(\\d+)-(\\d+)", "$3.$2.$1"));
        System.out.println("callback " + Pattern.compile("\\b[a-z]").matcher("make every word title case")
                .replaceAll(r -> r.group().toUpperCase(Locale.ROOT)));
        System.out.println("matches " + "user@example.org".matches("[\\w.]+@[\\w.]+\\.\\w+") + " " + "not an email".matches("[\\w.]+@[\\w.]+"));
        System.out.println("split " + Arrays.toString("a, b;c  d,,e".split("[,;\\s]+")) + " limit " + Arrays.toString("1-2-3-4".split("-", 2)));
        Pattern ci = Pattern.compile("sing(j|ularity)", Pattern.CASE_INSENSITIVE);
        Matcher cm = ci.matcher("SingJ and Singularity and SINGJ and singer");
        while (cm.find()) System.out.println("case-insensitive " + cm.group() + " suffix " + cm.group(1));
        System.out.println("quote " + Pattern.quote("1+1=2") + " literal match " + "1+1=2".matches(Pattern.quote("1+1=2")));
        Matcher greedy = Pattern.compile("<.+>").matcher("<a><b>");
        Matcher lazy = Pattern.compile("<.+?>").matcher("<a><b>");
        greedy.find();
        lazy.find();
        System.out.println("greedy " + greedy.group() + " lazy " + lazy.group());
        System.out.println("lookahead " + "price: 100 USD, 200 EUR, 300 USD".replaceAll("\\d+(?= USD)", "#"));
        System.out.println("backref " + Pattern.compile("\\b(\\w+) \\1\\b").matcher("this is is a test test ok").replaceAll("$1"));
        Pattern csv = Pattern.compile("\"([^\"]*)\"|([^,]+)");
        Matcher cs = csv.matcher("plain,\"quoted, with comma\",last");
        List<String> fields = new ArrayList<>();
        while (cs.find()) fields.add(cs.group(1) != null ? cs.group(1) : cs.group(2));
        System.out.println("csv fields " + fields);
        System.out.println("splitAsStream " + Pattern.compile("\\s*\\|\\s*").splitAsStream("x | y|z  |  w").toList());
        System.out.println("unicode " + "Ärger über Öl".replaceAll("\\p{Lu}", "_") + " " + Pattern.compile("\\p{L}+").matcher("héllo wörld").results()
                .map(MatchResult::group).toList());
    }
}
