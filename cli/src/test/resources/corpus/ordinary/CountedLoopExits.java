/**
 * Counted loops in the shapes the sealer strip-mines, left every way there is: to the end, by
 * break, by a labelled break, by return, by an exception caught outside; the index is read after
 * each. Long loops cross several strips.
 */
public class CountedLoopExits {
    static int firstMultiple(int[] values, int of) {
        int i;
        for (i = 0; i < values.length; i++) {
            if (values[i] % of == 0) {
                break;
            }
        }
        return i;
    }

    static int returnsFromInside(int limit) {
        for (int i = 0; i < limit; i++) {
            if (i * i > 50_000_000) {
                return i;
            }
        }
        return -1;
    }

    static int caughtOutside(int[] values) {
        int i = 0;
        try {
            for (i = 0; i < 100_000; i++) {
                values[i] = i; // runs off the end of the array
            }
        } catch (ArrayIndexOutOfBoundsException e) {
            return -i;
        }
        return i;
    }

    static long labelled(int n) {
        long found = 0;
        outer:
        for (int a = 0; a < n; a++) {
            for (int b = 0; b < n; b++) {
                if ((long) a * b == 9_999L * 3) {
                    found = (long) a * 100_000 + b;
                    break outer;
                }
            }
        }
        return found;
    }

    public static void main(String[] args) {
        int[] values = new int[20_000];
        for (int i = 0; i < values.length; i++) {
            values[i] = i * 7 + 3;
        }
        System.out.println("first multiple of 13 at " + firstMultiple(values, 13));
        System.out.println("first multiple of 9973 at " + firstMultiple(values, 9973));
        System.out.println("none: " + firstMultiple(values, 1_000_003));
        System.out.println("return from inside: " + returnsFromInside(Integer.MAX_VALUE));
        System.out.println("caught outside: " + caughtOutside(new int[12_345]));
        System.out.println("labelled: " + labelled(20_000));
        long sum = 0;
        int i;
        for (i = 0; i < 100_003; i++) {
            if (i % 3 == 0) {
                continue;
            }
            sum += i;
        }
        System.out.println("sum " + sum + " with i ending at " + i);
        int empty = 0;
        for (int k = 10; k < 5; k++) {
            empty++;
        }
        System.out.println("empty loop ran " + empty + " times");
    }
}
