import java.util.*;

/** Shapes of bytecode the sealer rewrites: loops over switches, handlers in loops, monitors with exceptions, wide locals. */
public class ControlFlow implements Cloneable {
    static final class Broken {
        static final int VALUE;
        static {
            if (Boolean.parseBoolean("true")) {
                throw new IllegalStateException("static initializer failed");
            }
            VALUE = 1;
        }
    }

    int[] data = {1, 2, 3};

    @Override
    protected ControlFlow clone() {
        try {
            ControlFlow copy = (ControlFlow) super.clone();
            copy.data = data.clone();
            return copy;
        } catch (CloneNotSupportedException e) {
            throw new AssertionError(e);
        }
    }

    static String machine(String input) {
        int state = 0;
        int i = 0;
        StringBuilder out = new StringBuilder();
        while (true) {
            char c = i < input.length() ? input.charAt(i) : '$';
            i++;
            switch (state) {
                case 0:
                    if (c == '$') return out.append("|end").toString();
                    if (Character.isDigit(c)) { state = 1; out.append("[num ").append(c); }
                    else if (c == '"') { state = 2; out.append("[str "); }
                    else if (c != ' ') out.append("[sym ").append(c).append(']');
                    continue;
                case 1:
                    if (Character.isDigit(c)) { out.append(c); continue; }
                    out.append(']');
                    state = 0;
                    if (c != '$') i--; // read it again in state 0
                    continue;
                case 2:
                    if (c == '$') return out.append("|unterminated").toString();
                    if (c == '"') { out.append(']'); state = 0; } else out.append(c);
                    break;
                default:
                    throw new IllegalStateException();
            }
        }
    }

    static long wideLocals(long seed, double scale) {
        long acc = seed;
        double d = scale;
        for (int i = 0; i < 1000; i++) {
            try {
                if (i % 97 == 0) throw new ArithmeticException("step " + i);
                acc = acc * 6364136223846793005L + 1442695040888963407L;
                d = d * 1.0000001;
            } catch (ArithmeticException e) {
                acc ^= e.getMessage().length();
            } finally {
                d += 1e-9;
            }
        }
        return acc + (long) d;
    }

    static int synchronizedFlow(Object lock, int n) {
        int caught = 0;
        for (int i = 0; i < n; i++) {
            try {
                synchronized (lock) {
                    if (i % 3 == 0) throw new IllegalArgumentException("inside monitor " + i);
                    if (i == n - 1) return caught * 100 + i;
                }
            } catch (IllegalArgumentException e) {
                caught++;
            }
        }
        return -1;
    }

    static int nestedTries(int x) {
        int r = 0;
        try {
            try {
                try {
                    if (x > 2) throw new RuntimeException("deep");
                    r += 1;
                } finally {
                    r += 10;
                }
                if (x > 1) throw new IllegalStateException("middle");
            } catch (IllegalStateException e) {
                r += 100;
            } finally {
                r += 1000;
            }
        } catch (RuntimeException e) {
            r += 10000;
        }
        return r;
    }

    static String doWhileAndLabels() {
        StringBuilder sb = new StringBuilder();
        int i = 0;
        outer:
        do {
            int j = 0;
            while (true) {
                if (j > i) break;
                if ((i + j) % 4 == 3) { i++; continue outer; }
                sb.append(i).append(j).append(' ');
                j++;
            }
            i++;
        } while (i < 6);
        return sb.toString().trim();
    }

    static int lookupSwitchInLoop(int[] codes) {
        int total = 0;
        for (int code : codes) {
            switch (code) {
                case -1000 -> total -= 1;
                case 7 -> total += 7;
                case 100_000 -> total += 100;
                case Integer.MAX_VALUE -> total *= 2;
                default -> total += 0;
            }
        }
        return total;
    }

    public static void main(String[] args) {
        System.out.println(machine("12 + \"ab c\" * 345"));
        System.out.println(machine("\"open"));
        System.out.println("wide locals " + wideLocals(42, 2.5));
        System.out.println("synchronized flow " + synchronizedFlow(new Object(), 10));
        for (int x = 0; x < 4; x++) System.out.println("nested tries(" + x + ") = " + nestedTries(x));
        System.out.println("labels " + doWhileAndLabels());
        System.out.println("lookup switch " + lookupSwitchInLoop(new int[]{7, 100_000, Integer.MAX_VALUE, -1000, 5, 7}));
        for (int attempt = 1; attempt <= 2; attempt++) {
            try {
                System.out.println(Broken.VALUE);
            } catch (ExceptionInInitializerError e) {
                System.out.println("attempt " + attempt + ": " + e + " cause " + e.getCause());
            } catch (NoClassDefFoundError e) {
                System.out.println("attempt " + attempt + ": " + e.getMessage());
            }
        }
        ControlFlow original = new ControlFlow();
        ControlFlow copy = original.clone();
        copy.data[0] = 99;
        System.out.println("clone independent " + Arrays.toString(original.data) + " " + Arrays.toString(copy.data));
        assert false : "assertions are disabled under java -jar";
        System.out.println("assertions disabled");
        String a = "lit";
        String b = new String("lit");
        System.out.println("identity " + (a == b) + " " + (a == b.intern()) + " equals " + a.equals(b));
        long big = 0;
        for (int i = 0; i < 20_000_000; i++) {
            big += i % 7 == 0 ? i : -1;
        }
        System.out.println("long loop " + big);
        int[][] triangle = new int[300][];
        long sum = 0;
        for (int i = 0; i < triangle.length; i++) {
            triangle[i] = new int[i + 1];
            for (int j = 0; j <= i; j++) sum += triangle[i][j] = i ^ j;
        }
        System.out.println("triangle sum " + sum);
        Object o = sum > 0 ? (Object) "positive" : (Object) Integer.valueOf(0);
        System.out.println("ternary object " + o + " " + (o instanceof String s ? s.length() : -1));
    }
}
