import java.util.*;

/** An exception escapes main: stdout up to that point, exit code 1, and the JVM's report on stderr. */
public class UncaughtInMain {
    static int depth(int n) {
        if (n == 0) {
            throw new IllegalStateException("inventory is inconsistent: expected 3 widgets but found -1",
                    new ArithmeticException("negative count"));
        }
        return depth(n - 1) + 1;
    }

    public static void main(String[] args) {
        Map<String, Integer> stock = new TreeMap<>(Map.of("widgets", 3, "gears", 12, "bolts", 40));
        for (var e : stock.entrySet()) {
            System.out.println(e.getKey() + " in stock: " + e.getValue());
        }
        for (int i = 0; i < 8; i++) {
            System.out.println("checking shelf " + i);
        }
        System.err.println("about to fail");
        depth(3);
        System.out.println("never printed");
    }
}
