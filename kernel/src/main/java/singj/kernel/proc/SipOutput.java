package singj.kernel.proc;

import java.io.IOException;
import java.io.OutputStream;

/**
 * The stream under a SIP's {@code System.out} or {@code System.err}. Closing it (when the SIP
 * dies) cuts the SIP off without closing the host stream, which others still use.
 */
final class SipOutput extends OutputStream {
    private final OutputStream target;
    private volatile boolean closed;

    SipOutput(OutputStream target) {
        this.target = target;
    }

    @Override
    public void write(int b) throws IOException {
        if (!closed) {
            target.write(b);
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (!closed) {
            target.write(bytes, offset, length);
        }
    }

    @Override
    public void flush() throws IOException {
        if (!closed) {
            target.flush();
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            target.flush();
            closed = true;
        }
    }
}
