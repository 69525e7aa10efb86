/** Runaway: {@code finally { return; }} discards whatever was thrown, and the caller loops. */
public class FinallyReturn {
    static long turns;

    @SuppressWarnings("finally")
    static void spin() {
        try {
            while (true) {
                turns++;
            }
        } finally {
            return;
        }
    }

    public static void main(String[] args) {
        System.out.println("running");
        while (true) {
            spin();
        }
    }
}
