// stdin: 5
// stdin: 10 20 30 40 50
// stdin: 3.5 hello world
// stdin: true
// stdin: a line of text
// stdin: 7 8 9
import java.util.*;

/** Reads typed tokens and lines from standard input with a Scanner. */
public class ScannerInput {
    public static void main(String[] args) {
        Scanner sc = new Scanner(System.in).useLocale(Locale.ROOT);
        int n = sc.nextInt();
        System.out.println("count " + n);
        long sum = 0;
        for (int i = 0; i < n; i++) {
            int v = sc.nextInt();
            sum += v;
            System.out.println("value " + i + ": " + v);
        }
        System.out.println("sum " + sum);
        double d = sc.nextDouble();
        String w1 = sc.next();
        String w2 = sc.next();
        System.out.println("double " + d + " words " + w1 + "/" + w2);
        boolean b = sc.nextBoolean();
        System.out.println("boolean " + b);
        sc.nextLine();
        String line = sc.nextLine();
        System.out.println("line [" + line + "]");
        int rest = 0;
        while (sc.hasNextInt()) rest += sc.nextInt();
        System.out.println("rest " + rest + " hasNext " + sc.hasNext());
        Scanner fromString = new Scanner("a,b,,c").useDelimiter(",");
        List<String> parts = new ArrayList<>();
        while (fromString.hasNext()) parts.add(fromString.next());
        System.out.println("delimited " + parts);
    }
}
