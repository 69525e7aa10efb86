package fuzzprog.b;

/** Primitive kinds side by side (long and double take two slots), switches, finally, nested loops. */
public class Numbers {
    private long total;
    private float ratio = 0.5f;
    private static final double[] WEIGHTS = {0.5, 1.5, 2.5};

    public long mix(int a, long b, float c, double d, short e, byte f, char g, boolean h) {
        long r = a + b;
        r += (long) (c * d);
        r ^= e << f;
        r += h ? g : -g;
        total += r;
        return r;
    }

    public static int classify(int x) {
        switch (x) {
            case 1:
                return 10;
            case 2:
            case 3:
                return 20;
            case 1000:
                return 30;
            default:
                return x < 0 ? -1 : 0;
        }
    }

    public static int sparse(String key) {
        switch (key.length()) {
            case 0: return 0;
            case 7: return 1;
            case 4000: return 2;
            default: return 3;
        }
    }

    public double weighted(int[] values) {
        double result = 0;
        for (int i = 0; i < values.length && i < WEIGHTS.length; i++) {
            result += values[i] * WEIGHTS[i] * ratio;
        }
        return result > 100.0 ? result / 2 : -result;
    }

    public String parse(String text) {
        StringBuilder out = new StringBuilder();
        try {
            int n = Integer.parseInt(text);
            out.append(n * 2);
        } catch (NumberFormatException e) {
            out.append("bad: ").append(e.getMessage());
        } finally {
            out.append('.');
        }
        return out.toString();
    }

    public static long[][] grid(int n) {
        long[][] grid = new long[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                grid[i][j] = (long) i * j;
            }
        }
        return grid;
    }

    public static int kind(Object o) {
        if (o instanceof String) {
            return ((String) o).length();
        }
        if (o instanceof Integer) {
            return ((Integer) o).intValue();
        }
        return o == null ? -1 : 0;
    }
}
