import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Copies standard input to standard output with reads of every kind a program makes: whole
 * buffers, odd sizes at odd offsets, single bytes, readNBytes, transferTo.
 */
public class CopyStdin {
    public static void main(String[] args) throws IOException {
        InputStream in = System.in;
        OutputStream out = System.out;
        int[] sizes = {8192, 1, 7, 65_539, 4095, 100_000, 3};
        byte[] buffer = new byte[100_010];
        for (int round = 0; ; round++) {
            int size = sizes[round % sizes.length];
            if (size == 1) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
            } else if (round % 11 == 10) {
                byte[] some = in.readNBytes(size);
                out.write(some);
                if (some.length < size) {
                    break;
                }
            } else {
                int n = in.read(buffer, 5, size);
                if (n < 0) {
                    break;
                }
                out.write(buffer, 5, n);
            }
            if (round == 1000) {
                in.transferTo(out);
            }
        }
        out.flush();
    }
}
