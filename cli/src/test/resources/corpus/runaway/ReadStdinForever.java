import java.io.IOException;

/** Runaway: reads standard input, which never ends, swallowing every I/O error. */
public class ReadStdinForever {
    public static void main(String[] args) {
        System.out.println("running");
        long bytes = 0;
        while (true) {
            try {
                if (System.in.read() >= 0) {
                    bytes++;
                }
            } catch (IOException ignored) {
                // read again
            }
        }
    }
}
