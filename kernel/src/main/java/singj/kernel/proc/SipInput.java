package singj.kernel.proc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A SIP's standard input. Reading a host stream (a terminal, a pipe) blocks in native code that
 * no interrupt can wake, so a SIP thread reads the host stream itself only when that cannot block:
 * when the stream says it has bytes ready ({@link InputStream#available}), as a pipe or a file fed
 * faster than the SIP reads almost always has. Otherwise a kernel thread, the pump, waits in the
 * host stream and hands what it read over through this buffer, and the SIP waits for it here,
 * where a kill wakes it. A thread hand-off for every chunk made copying 150 MB six times slower
 * than {@code java}'s. Either way the host stream is read only while a reader waits on an empty
 * buffer: a SIP takes no input it did not ask for (beyond one buffer's worth), so when it ends,
 * whatever it left unread (the shell's next line) is still in the source.
 */
final class SipInput extends InputStream {
    /** What one read of the host stream takes at most: a pipe's buffer on Linux. */
    private static final int CAPACITY = 64 * 1024;
    /** A read asking this much or more is read straight into the reader's array, as {@code BufferedInputStream} does. */
    private static final int DIRECT = 8 * 1024;

    private final InputStream source;
    private final String pumpName;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition demand = lock.newCondition();
    private byte[] buffer; // made on the first read that needs it: most SIPs never read
    private int head;
    private int size;
    private int waitingReaders;
    private boolean endOfInput;
    private boolean closed;
    private IOException failure;
    private Thread pump;
    /** The pump is reading the host stream (or about to): no reader may read it meanwhile. */
    private boolean pumpReading;
    /**
     * Bytes the host stream said it had ready and nobody has read yet: they stay ready, as the
     * stream is this SIP's alone (run gives the host's to one SIP; the others read the console
     * over a channel), so the stream is asked again only once they are read (a file says all
     * that is left at once, a pipe up to its buffer), not once a read.
     */
    private long ready;

    SipInput(InputStream source, String pumpName) {
        this.source = source;
        this.pumpName = pumpName;
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] into, int offset, int length) throws IOException {
        java.util.Objects.checkFromIndexSize(offset, length, into.length);
        if (length == 0) {
            return 0;
        }
        try {
            lock.lockInterruptibly();
        } catch (InterruptedException e) {
            throw interrupted();
        }
        try {
            while (true) {
                if (closed) {
                    throw new IOException("standard input is closed");
                }
                if (size > 0) {
                    int n = Math.min(length, size);
                    System.arraycopy(buffer, head, into, offset, n);
                    head += n;
                    size -= n;
                    return n;
                }
                if (endOfInput) {
                    if (failure != null) {
                        throw failure;
                    }
                    return -1;
                }
                if (ready == 0 && !pumpReading) {
                    ready = readyInSource();
                }
                if (ready > 0 && length >= DIRECT) {
                    return readSource(into, offset, (int) Math.min(length, ready));
                }
                if (ready > 0) {
                    fill(readSource(buffer(), 0, (int) Math.min(CAPACITY, ready)));
                    continue;
                }
                startPump();
                waitingReaders++;
                demand.signal();
                try {
                    readable.await();
                } finally {
                    waitingReaders--;
                }
            }
        } catch (InterruptedException e) {
            throw interrupted();
        } finally {
            lock.unlock();
        }
    }

    /** What the host stream can give without blocking; 0 when it cannot tell (then the pump reads it). */
    private int readyInSource() {
        try {
            return source.available();
        } catch (IOException e) {
            return 0; // the pump's read meets the same trouble and reports it
        }
    }

    /** Reads the host stream on the reader's thread: called only for at most {@link #readyInSource} bytes, so it does not block. */
    private int readSource(byte[] into, int offset, int length) throws IOException {
        int n;
        try {
            n = source.read(into, offset, length);
        } catch (IOException e) {
            ready = 0;
            finish(e);
            throw e;
        }
        if (n < 0) {
            finish(null);
        }
        ready = n > 0 ? ready - n : 0;
        return n;
    }

    private byte[] buffer() {
        if (buffer == null) {
            buffer = new byte[CAPACITY];
        }
        return buffer;
    }

    /** Takes {@code n} bytes just read into the empty buffer's start (nothing when the stream ended). */
    private void fill(int n) {
        if (n > 0) {
            head = 0;
            size = n;
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            if (size > 0 || endOfInput || closed || pumpReading) {
                return size;
            }
            ready = Math.max(ready, readyInSource());
            return (int) Math.min(ready, Integer.MAX_VALUE);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            readable.signalAll();
            demand.signalAll();
        } finally {
            lock.unlock();
        }
        if (pump != null) {
            pump.interrupt();
        }
    }

    private static InterruptedIOException interrupted() {
        Thread.currentThread().interrupt();
        return new InterruptedIOException("read from standard input interrupted");
    }

    private void startPump() {
        if (pump == null) {
            buffer();
            pump = Thread.ofPlatform().daemon().name(pumpName).start(this::pumpForever);
        }
    }

    private void pumpForever() {
        byte[] chunk = new byte[CAPACITY];
        try {
            while (awaitDemand()) {
                int n = source.read(chunk);
                if (n < 0 || !put(chunk, n)) {
                    break;
                }
            }
            finish(null);
        } catch (IOException e) {
            finish(e);
        } catch (InterruptedException e) {
            finish(null);
        }
    }

    /** Waits until a reader wants data and the buffer has none, and claims the host stream; false once closed. */
    private boolean awaitDemand() throws InterruptedException {
        lock.lock();
        try {
            while (!closed && (size > 0 || waitingReaders == 0 || endOfInput)) {
                demand.await();
            }
            pumpReading = !closed;
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    /** Hands what the pump read to the readers (the buffer is empty: the pump reads only then); false once closed. */
    private boolean put(byte[] chunk, int length) {
        lock.lock();
        try {
            pumpReading = false;
            if (closed) {
                return false;
            }
            System.arraycopy(chunk, 0, buffer, 0, length);
            fill(length);
            readable.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void finish(IOException error) {
        lock.lock();
        try {
            pumpReading = false;
            if (!endOfInput) {
                endOfInput = true;
                failure = error;
            }
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
