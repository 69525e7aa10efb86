/** Writes args[0] MiB to standard output in 8 KiB writes; prints the milliseconds on standard error. */
public class Source {
    public static void main(String[] args) throws Exception {
        long t0 = System.nanoTime();
        long total = Long.parseLong(args[0]) << 20;
        byte[] buf = new byte[8192];
        for (int i = 0; i < buf.length; i++) buf[i] = (byte) ('a' + i % 26);
        for (long done = 0; done < total; done += buf.length) System.out.write(buf, 0, buf.length);
        System.out.flush();
        System.err.println("ms " + (System.nanoTime() - t0) / 1_000_000.0);
    }
}
