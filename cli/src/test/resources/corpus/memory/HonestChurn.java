/**
 * An honest program close to its quota: keeps args[0] MiB live (a ring of 1 KiB arrays, each
 * replaced in turn, so that what it drops has lived long enough to be promoted) while it
 * allocates args[1] MiB in all, also as short-lived small objects and strings.
 */
public class HonestChurn {
    record Point(long x, long y) {}

    public static void main(String[] args) {
        int live = Integer.parseInt(args[0]);
        long total = Long.parseLong(args[1]) << 20;
        byte[][] ring = new byte[live * 1024][];
        long checksum = 0;
        long allocated = 0;
        for (long i = 0; allocated < total; i++) {
            int slot = (int) (i % ring.length);
            ring[slot] = new byte[1024 - 16];
            ring[slot][(int) (i & 511)] = (byte) i;
            allocated += 1024;
            for (int j = 0; j < 8; j++) {
                Point p = new Point(i, j);
                checksum += p.x() ^ p.y();
            }
            if ((i & 1023) == 0) {
                checksum += String.valueOf(i).repeat(8).length();
            }
            allocated += 8 * 32;
        }
        System.out.println("allocated " + (total >> 20) + " MiB, checksum " + checksum);
    }
}
