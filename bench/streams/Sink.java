/** Reads standard input to its end in 8 KiB reads; prints the bytes, and the milliseconds on standard error. */
public class Sink {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        byte[] buf = new byte[8192];
        long total = 0; int n;
        while ((n = System.in.read(buf)) > 0) total += n;
        System.out.println(total);
        System.out.flush();
        System.err.println("ms " + (System.nanoTime() - t0) / 1_000_000.0);
    }
}
