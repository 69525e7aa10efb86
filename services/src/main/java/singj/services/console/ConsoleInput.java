package singj.services.console;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * A foreground SIP's standard input: one line from the console per read, asked for only when
 * the SIP reads. {@link #detach} (when the SIP ends) cuts it off, so that nothing still blocked
 * in it can take a line meant for the shell.
 */
public final class ConsoleInput extends InputStream {
    private final Console console;
    private byte[] pending = new byte[0]; // the rest of a line longer than the last read wanted
    private int pendingOffset;
    private boolean ended;
    private volatile boolean detached;
    private volatile Console.Waiter waiting;

    ConsoleInput(Console console) {
        this.console = console;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] into, int offset, int length) {
        java.util.Objects.checkFromIndexSize(offset, length, into.length);
        if (length == 0) {
            return 0;
        }
        if (pendingOffset == pending.length) {
            if (ended || detached) {
                return -1;
            }
            Line line;
            Console.Waiter waiter = new Console.Waiter(LineRequest.programInput());
            waiting = waiter;
            try {
                if (detached) {
                    return -1;
                }
                line = console.take(waiter);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return -1;
            } finally {
                waiting = null;
            }
            switch (line) {
                case Line.Text text -> {
                    pending = (text.text() + "\n").getBytes(StandardCharsets.UTF_8);
                    pendingOffset = 0;
                }
                case Line.Interrupt interrupt -> {
                    console.interrupt();
                    ended = true;
                    return -1;
                }
                case Line.End end -> {
                    return -1; // Ctrl-D ends this read; like a terminal, a later read may get more
                }
                case Line.Closed closed -> {
                    ended = true;
                    return -1;
                }
            }
        }
        int n = Math.min(length, pending.length - pendingOffset);
        System.arraycopy(pending, pendingOffset, into, offset, n);
        pendingOffset += n;
        if (pendingOffset == pending.length) {
            pending = new byte[0];
            pendingOffset = 0;
        }
        return n;
    }

    /** Cuts the stream off from the console: reads end, and a read waiting now takes no line. */
    public void detach() {
        detached = true;
        Console.Waiter waiter = waiting;
        if (waiter != null) {
            console.cancel(waiter);
        }
    }

    @Override
    public void close() {
        detach();
    }
}
