// expect exit 137
// expect err the rest of this PrintStackTraceForever$Evil was cut: it printed more than 1024 KiB
// expect err its uncaught PrintStackTraceForever$Evil took more than 2s to print
/** printStackTrace writes without end, and swallows whatever stops it: a gigabyte of trace, and more. */
public class PrintStackTraceForever {
    static class Evil extends RuntimeException {
        @Override
        public void printStackTrace(java.io.PrintStream stream) {
            while (true) {
                try {
                    stream.println("at evil.Frame.again(Evil.java:1) ......................................................");
                } catch (RuntimeException stopped) {
                    // keep going
                }
            }
        }
    }

    public static void main(String[] args) {
        System.out.println("running");
        throw new Evil();
    }
}
