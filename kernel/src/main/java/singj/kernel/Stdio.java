package singj.kernel;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * Where a SIP's standard input comes from and its standard output and error go: host streams, or
 * (with {@code out} and {@code err} null, see {@link #console}) the console service over a channel.
 */
public record Stdio(InputStream in, OutputStream out, OutputStream err) {
    /** No input, and output thrown away. */
    public static Stdio none() {
        return new Stdio(InputStream.nullInputStream(), OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
    }

    /** Input from {@code in}; output and error to the console service ({@code singj.abi.Terminal}). */
    public static Stdio console(InputStream in) {
        return new Stdio(in, null, null);
    }

    /** Whether output and error go to the console service. */
    public boolean toConsole() {
        return out == null && err == null;
    }
}
