/** Computes forever on its main thread, never blocking. */
public class Spinner {
    static volatile long sink;

    public static void main(String[] args) {
        long x = 0;
        while (true) {
            x = x * 31 + 7;
            sink = x;
        }
    }
}
