/** Copies standard input to standard output in 8 KiB reads; prints the copy's milliseconds on standard error. */
public class Cat {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        byte[] buf = new byte[8192];
        int n;
        while ((n = System.in.read(buf)) > 0) System.out.write(buf, 0, n);
        System.out.flush();
        System.err.println("ms " + (System.nanoTime() - t0) / 1_000_000.0);
    }
}
