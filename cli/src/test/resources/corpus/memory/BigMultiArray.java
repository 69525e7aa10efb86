import java.util.ArrayList;
import java.util.List;

/**
 * multianewarray, which the JVM fills inside one instruction. args[0] = "one": a single array of
 * args[1] MiB in rows of args[2] bytes, kept for ten seconds (refused before it is allocated).
 * args[0] = "many": arrays of 16 rows of 1 KiB, each under the size announced before allocation,
 * kept without end (charged by the heap sampler).
 */
public class BigMultiArray {
    public static void main(String[] args) throws InterruptedException {
        if (args[0].equals("many")) {
            List<byte[][]> kept = new ArrayList<>();
            while (true) {
                kept.add(new byte[16][1024]);
                if (kept.size() % 100_000 == 0) {
                    System.out.println("holding " + kept.size() / 64 + " MiB");
                }
            }
        }
        int mebibytes = Integer.parseInt(args[1]);
        int row = Integer.parseInt(args[2]);
        byte[][] rows = new byte[(int) ((long) mebibytes * (1 << 20) / row)][row];
        System.out.println("allocated " + rows.length + " rows");
        Thread.sleep(10_000);
        System.out.println("held " + rows.length + " rows, " + rows[rows.length - 1].length);
    }
}
