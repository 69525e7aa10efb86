// args: alpha --count=3 "two words" -v 42 ""
import java.util.*;

/** Command-line arguments, parsed by hand. */
public class Arguments {
    public static void main(String[] args) {
        System.out.println("argc " + args.length);
        for (int i = 0; i < args.length; i++) {
            System.out.println("arg[" + i + "] = <" + args[i] + "> length " + args[i].length());
        }
        Map<String, String> options = new TreeMap<>();
        List<String> positional = new ArrayList<>();
        boolean verbose = false;
        for (String a : args) {
            if (a.startsWith("--") && a.contains("=")) {
                options.put(a.substring(2, a.indexOf('=')), a.substring(a.indexOf('=') + 1));
            } else if (a.equals("-v")) {
                verbose = true;
            } else {
                positional.add(a);
            }
        }
        System.out.println("options " + options + " verbose " + verbose + " positional " + positional);
        int count = Integer.parseInt(options.getOrDefault("count", "1"));
        for (int i = 0; i < count; i++) System.out.println("repeat " + (i + 1) + ": " + positional.get(0));
        int numbers = 0;
        for (String p : positional) {
            try {
                numbers += Integer.parseInt(p);
            } catch (NumberFormatException e) {
                System.out.println("not a number: '" + p + "'");
            }
        }
        System.out.println("numeric total " + numbers);
        System.out.println("joined " + String.join("|", args));
    }
}
