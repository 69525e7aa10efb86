package singj.bench.workloads.runaway;

import java.util.regex.Pattern;

/** One call into the JDK's regex matcher that backtracks for hours: no kill check runs until it returns. */
public final class RegexBacktracking {
    private RegexBacktracking() {}

    public static void main(String[] args) {
        Pattern pattern = Pattern.compile("(.*a){12}");
        String input = "a".repeat(60) + "!";
        System.out.println("running");
        System.out.println("matched: " + pattern.matcher(input).matches());
    }
}
