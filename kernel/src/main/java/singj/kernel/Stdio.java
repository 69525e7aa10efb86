package singj.kernel;

import java.io.InputStream;
import java.io.OutputStream;
import singj.abi.Endpoint;
import singj.abi.TerminalInput;

/**
 * Where a SIP's standard input comes from and its standard output and error go: host streams, or
 * (with {@code out} and {@code err} null, see {@link #console}) the console service over a channel.
 *
 * @param terminalInput when not null, standard input comes over this channel instead of {@code in};
 *     the endpoint moves to the SIP at spawn, so it closes when the SIP ends
 */
public record Stdio(InputStream in, OutputStream out, OutputStream err, Endpoint<TerminalInput> terminalInput) {
    public Stdio(InputStream in, OutputStream out, OutputStream err) {
        this(in, out, err, null);
    }

    /** No input, and output thrown away. */
    public static Stdio none() {
        return new Stdio(InputStream.nullInputStream(), OutputStream.nullOutputStream(), OutputStream.nullOutputStream());
    }

    /** Input from {@code in}; output and error to the console service ({@code singj.abi.Terminal}). */
    public static Stdio console(InputStream in) {
        return new Stdio(in, null, null);
    }

    /**
     * Input over {@code input} (null: none), as the console serves it; output and error to the
     * console service.
     */
    public static Stdio console(Endpoint<TerminalInput> input) {
        return new Stdio(InputStream.nullInputStream(), null, null, input);
    }

    /** Whether output and error go to the console service. */
    public boolean toConsole() {
        return out == null && err == null;
    }
}
