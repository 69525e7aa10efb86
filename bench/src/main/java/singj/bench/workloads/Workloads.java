package singj.bench.workloads;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * CPU-bound workloads for the instrumentation-tax benchmark: ordinary Java that knows nothing of
 * SingJ. The benchmark calls these methods as they are, and sealed by the installer inside a
 * running SIP. Each returns a value that depends on all of its work, so that the JIT can drop none.
 */
public final class Workloads {
    private Workloads() {}

    /** As a program, it only has to stay alive while the benchmark calls into its SIP. */
    public static void main(String[] args) {
        try {
            while (System.in.read() >= 0) {
                // wait for the end of input
            }
        } catch (IOException closed) {
            // input closed: the end as well
        }
    }

    /** Sorts a copy of {@code input} with a quicksort written here, so that the sort itself is sealed. */
    public static int sort(int[] input) {
        int[] values = new int[input.length];
        System.arraycopy(input, 0, values, 0, input.length);
        quicksort(values, 0, values.length - 1);
        return values[0] ^ values[values.length / 2] ^ values[values.length - 1];
    }

    private static void quicksort(int[] a, int low, int high) {
        while (high - low > 16) {
            int pivot = a[(low + high) >>> 1];
            int i = low;
            int j = high;
            while (i <= j) {
                while (a[i] < pivot) {
                    i++;
                }
                while (a[j] > pivot) {
                    j--;
                }
                if (i <= j) {
                    int t = a[i];
                    a[i++] = a[j];
                    a[j--] = t;
                }
            }
            // recurse into the smaller side, loop on the larger: the depth stays logarithmic
            if (j - low < high - i) {
                quicksort(a, low, j);
                low = i;
            } else {
                quicksort(a, i, high);
                high = j;
            }
        }
        for (int i = low + 1; i <= high; i++) {
            int v = a[i];
            int j = i - 1;
            while (j >= low && a[j] > v) {
                a[j + 1] = a[j];
                j--;
            }
            a[j + 1] = v;
        }
    }

    /** Fills a {@code HashMap<Integer, Integer>} from {@code keys}, then looks every key up. */
    public static long hashMap(int[] keys) {
        Map<Integer, Integer> map = new HashMap<>();
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], i);
        }
        long sum = 0;
        for (int key : keys) {
            sum += map.get(key);
        }
        return sum + map.size();
    }

    /** {@code out[i] = factor * in[i] + offset} from {@code from} on: a loop C2 compiles to SIMD instructions. */
    public static float scale(float[] in, float[] out, int from, float factor, float offset) {
        for (int i = from; i < in.length; i++) {
            out[i] = factor * in[i] + offset;
        }
        return out[out.length - 1];
    }

    /** Naive recursive Fibonacci: almost nothing but method entries. */
    public static int fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    /** Builds {@code count} small records into a list and drops it: almost nothing but allocation. */
    public static int allocate(int count) {
        List<Point> points = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            points.add(new Point(i, count - i));
        }
        int sum = 0;
        for (Point point : points) {
            sum += point.x() ^ point.y();
        }
        return sum;
    }

    record Point(int x, int y) {}
}
