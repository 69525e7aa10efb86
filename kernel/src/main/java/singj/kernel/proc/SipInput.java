package singj.kernel.proc;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * A SIP's standard input. Reading a host stream (a terminal, a pipe) blocks in native code that
 * no interrupt can wake, so a kernel thread pumps the host stream into this buffer, and the SIP
 * reads the buffer, where a kill wakes it. The pump starts on the first read, and reads the host
 * stream only while a reader waits on an empty buffer: a SIP takes no input it did not ask for,
 * so when it ends, whatever it left unread (the shell's next line) is still in the source.
 */
final class SipInput extends InputStream {
    private static final int CAPACITY = 8 * 1024; // the pump reads one chunk of this size per wait

    private final InputStream source;
    private final String pumpName;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition readable = lock.newCondition();
    private final Condition writable = lock.newCondition();
    private final Condition demand = lock.newCondition();
    private byte[] buffer; // made with the pump: most SIPs never read
    private int head;
    private int size;
    private int waitingReaders;
    private boolean endOfInput;
    private boolean closed;
    private IOException failure;
    private Thread pump;

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
            startPump();
            while (size == 0 && !endOfInput && !closed && failure == null) {
                waitingReaders++;
                demand.signal();
                try {
                    readable.await();
                } finally {
                    waitingReaders--;
                }
            }
            if (closed) {
                throw new IOException("standard input is closed");
            }
            if (size == 0) {
                if (failure != null) {
                    throw failure;
                }
                return -1;
            }
            int n = Math.min(length, Math.min(size, CAPACITY - head));
            System.arraycopy(buffer, head, into, offset, n);
            head = (head + n) % CAPACITY;
            size -= n;
            writable.signal();
            return n;
        } catch (InterruptedException e) {
            throw interrupted();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public int available() {
        lock.lock();
        try {
            return size;
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
            writable.signalAll();
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
        if (pump == null && !closed) {
            buffer = new byte[CAPACITY];
            pump = Thread.ofPlatform().daemon().name(pumpName).start(this::pumpForever);
        }
    }

    private void pumpForever() {
        byte[] chunk = new byte[8192];
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

    /** Waits until a reader wants data and the buffer has none; false once closed. */
    private boolean awaitDemand() throws InterruptedException {
        lock.lock();
        try {
            while (!closed && (size > 0 || waitingReaders == 0)) {
                demand.await();
            }
            return !closed;
        } finally {
            lock.unlock();
        }
    }

    private boolean put(byte[] chunk, int length) throws InterruptedException {
        int written = 0;
        lock.lock();
        try {
            while (written < length) {
                while (size == CAPACITY && !closed) {
                    writable.await();
                }
                if (closed) {
                    return false;
                }
                int tail = (head + size) % CAPACITY;
                int n = Math.min(length - written, Math.min(CAPACITY - size, CAPACITY - tail));
                System.arraycopy(chunk, written, buffer, tail, n);
                size += n;
                written += n;
                readable.signalAll();
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    private void finish(IOException error) {
        lock.lock();
        try {
            endOfInput = true;
            failure = error;
            readable.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
