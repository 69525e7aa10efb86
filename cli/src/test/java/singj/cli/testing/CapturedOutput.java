package singj.cli.testing;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** A SIP's standard output or error as a test sees it: everything written so far, and a way to wait for a line. */
public final class CapturedOutput extends OutputStream {
    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

    @Override
    public synchronized void write(int b) {
        bytes.write(b);
        notifyAll();
    }

    @Override
    public synchronized void write(byte[] b, int offset, int length) {
        bytes.write(b, offset, length);
        notifyAll();
    }

    public synchronized String text() {
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** Number of complete lines written so far. */
    public synchronized long lines() {
        return text().chars().filter(c -> c == '\n').count();
    }

    /** Waits until {@code expected} has been written; fails the test after {@code timeout}. */
    public synchronized void awaitText(String expected, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (!text().contains(expected)) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError("no \"" + expected.strip() + "\" within " + timeout + "; output so far: " + text());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }

    /** Waits until at least {@code count} lines have been written; fails the test after {@code timeout}. */
    public synchronized void awaitLines(long count, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (lines() < count) {
            long left = end - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(count + " lines not written within " + timeout + "; output so far: " + text());
            }
            wait(Math.max(1, left / 1_000_000));
        }
    }
}
