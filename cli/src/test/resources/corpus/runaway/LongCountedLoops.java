/**
 * Runaway: counted loops over huge bounds, the shape the sealer strip-mines (no check on each
 * back-edge, one per strip): they must still stop at a kill.
 */
public class LongCountedLoops {
    static long sink;

    public static void main(String[] args) {
        int[] data = new int[1 << 16];
        System.out.println("running");
        while (true) {
            for (int i = 0; i < Integer.MAX_VALUE; i++) {
                sink += i ^ (sink >>> 3);
            }
            for (int i = 0; i < data.length; i++) {
                data[i] = data[i] * 31 + i;
            }
        }
    }
}
