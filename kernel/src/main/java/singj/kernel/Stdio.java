package singj.kernel;

import java.io.InputStream;
import java.io.OutputStream;

/** Where a SIP's standard input comes from and its standard output and error go. */
public record Stdio(InputStream in, OutputStream out, OutputStream err) {
    /** No input, and output thrown away. */
    public static Stdio none() {
        return new Stdio(InputStream.nullInputStream(), OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
    }
}
