import java.util.regex.Pattern;

/** Runaway: a regular expression that backtracks for hours, all of it inside the JDK's matcher. */
public class RegexBacktracking {
    public static void main(String[] args) {
        System.out.println("running");
        boolean matched = Pattern.compile("(.*a){12}").matcher("a".repeat(60) + "!").matches();
        System.out.println("matched: " + matched);
    }
}
