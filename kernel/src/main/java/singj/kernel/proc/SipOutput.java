package singj.kernel.proc;

import java.io.IOException;
import java.io.OutputStream;
import singj.kernel.sched.SipThreadScheduler;

/**
 * The stream under a SIP's {@code System.out} or {@code System.err}. Closing it (when the SIP
 * dies) cuts the SIP off without closing the host stream, which others still use. A write to the
 * host stream may block in the OS (a pipe nobody reads), keeping the SIP thread's carrier: each is
 * marked for the carrier pool ({@link SipThreadScheduler#beginBlocking}), which then runs the
 * other SIP threads on a spare carrier.
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
            Object marked = SipThreadScheduler.beginBlocking();
            try {
                target.write(b);
            } finally {
                SipThreadScheduler.endBlocking(marked);
            }
        }
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (!closed) {
            Object marked = SipThreadScheduler.beginBlocking();
            try {
                target.write(bytes, offset, length);
            } finally {
                SipThreadScheduler.endBlocking(marked);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        if (!closed) {
            flushTarget();
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            flushTarget();
            closed = true;
        }
    }

    private void flushTarget() throws IOException {
        Object marked = SipThreadScheduler.beginBlocking();
        try {
            target.flush();
        } finally {
            SipThreadScheduler.endBlocking(marked);
        }
    }
}
