package singj.cli.testing;

import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.CountDownLatch;

/**
 * A standard input that never delivers a byte and never ends, like a terminal nobody types into.
 * Unlike a real terminal, a read wakes up when its thread is interrupted, so that a test can
 * tell whether the kernel stops whoever reads it.
 */
public final class EndlessInput extends InputStream {
    private final CountDownLatch never = new CountDownLatch(1);

    @Override
    public int read() throws InterruptedIOException {
        try {
            never.await();
        } catch (InterruptedException e) {
            throw new InterruptedIOException("interrupted");
        }
        throw new AssertionError("unreachable");
    }

    @Override
    public int read(byte[] b, int offset, int length) throws InterruptedIOException {
        return length == 0 ? 0 : read();
    }
}
