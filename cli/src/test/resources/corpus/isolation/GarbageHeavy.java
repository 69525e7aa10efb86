/**
 * Allocates args[0] MiB in total, as 1 MiB arrays and as small objects, keeping almost none of
 * it: far more than its quota in all, little of it live at any moment.
 */
public class GarbageHeavy {
    record Point(long x, long y) {}

    public static void main(String[] args) {
        int mebibytes = Integer.parseInt(args[0]);
        long checksum = 0;
        for (int i = 0; i < mebibytes; i++) {
            byte[] chunk = new byte[1 << 20];
            chunk[i % chunk.length] = (byte) i;
            checksum += chunk[i % chunk.length];
            for (int j = 0; j < 1024; j++) { // and about 32 KiB of short-lived small objects
                Point p = new Point(i, j);
                checksum += p.x() ^ p.y();
            }
        }
        System.out.println("allocated " + mebibytes + " MiB, checksum " + checksum);
    }
}
