package singj.kernel.proc;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SipInputTest {
    /** A source like the console: one line per read, counting how often it was asked. */
    private static class LinePerRead extends InputStream {
        final BlockingQueue<String> lines = new ArrayBlockingQueue<>(16);
        final AtomicInteger reads = new AtomicInteger();

        @Override
        public int read() {
            throw new UnsupportedOperationException();
        }

        @Override
        public int read(byte[] into, int offset, int length) {
            reads.incrementAndGet();
            String line;
            try {
                line = lines.take();
            } catch (InterruptedException e) {
                return -1;
            }
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            System.arraycopy(bytes, 0, into, offset, bytes.length);
            return bytes.length;
        }
    }

    @Test
    void takesFromTheSourceOnlyWhatTheSipAsksFor() throws Exception {
        LinePerRead source = new LinePerRead();
        source.lines.add("first\n");
        source.lines.add("second\n");
        SipInput in = new SipInput(source, "test-pump");
        byte[] buffer = new byte[100];

        int n = in.read(buffer, 0, buffer.length);
        assertEquals("first\n", new String(buffer, 0, n, StandardCharsets.UTF_8));
        TimeUnit.MILLISECONDS.sleep(200); // room for an eager pump to read ahead
        in.close();

        assertEquals(1, source.reads.get(), "the pump read ahead of the SIP");
        assertEquals("second\n", source.lines.poll(), "the unread line must stay in the source");
    }

    @Test
    void readsAgainWhenTheSipAsksAgain() throws Exception {
        LinePerRead source = new LinePerRead();
        SipInput in = new SipInput(source, "test-pump");
        source.lines.add("a\n");
        source.lines.add("b\n");
        byte[] buffer = new byte[100];
        assertEquals("a\n", new String(buffer, 0, in.read(buffer, 0, 100), StandardCharsets.UTF_8));
        assertEquals("b\n", new String(buffer, 0, in.read(buffer, 0, 100), StandardCharsets.UTF_8));
        assertEquals(2, source.reads.get());
        in.close();
    }

    @Test
    void endOfTheSourceIsEndOfInput() throws Exception {
        SipInput in = new SipInput(InputStream.nullInputStream(), "test-pump");
        assertEquals(-1, in.read());
        assertTrue(in.available() == 0);
    }

    @Test
    void aSipThreadReadingWaitsParkedWhileAKernelPlatformThreadBlocksInTheHostStream() throws Exception {
        // a read of the console blocks in native code, which would pin a SIP's virtual thread to its
        // carrier (SingJ's carrier pool compensates for nothing): only the pump may ever be in there
        var readers = new java.util.concurrent.ConcurrentLinkedQueue<Thread>();
        LinePerRead source = new LinePerRead() {
            @Override
            public int read(byte[] into, int offset, int length) {
                readers.add(Thread.currentThread());
                return super.read(into, offset, length);
            }
        };
        SipInput input = new SipInput(source, "test-pump");
        var got = new java.util.concurrent.atomic.AtomicReference<String>();
        Thread sipThread = Thread.ofVirtual().start(() -> {
            byte[] line = new byte[64];
            try {
                int n = input.read(line, 0, line.length);
                got.set(new String(line, 0, n, StandardCharsets.UTF_8));
            } catch (java.io.IOException e) {
                got.set(e.toString());
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (sipThread.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        assertEquals(Thread.State.WAITING, sipThread.getState(), "the reader parks (off its carrier) while the source blocks");
        source.lines.put("hello\n");
        sipThread.join(TimeUnit.SECONDS.toMillis(10));
        assertEquals("hello\n", got.get());
        assertTrue(readers.stream().noneMatch(Thread::isVirtual), "only the kernel's platform pump reads the host stream: " + readers);
        input.close();
    }

    /** Binary input of every byte value, not a multiple of any buffer's size. */
    private static byte[] binary(int size) {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return data;
    }

    /** Reads {@code in} to its end with reads of random sizes (single bytes too), as a program may. */
    private static byte[] readAllInRandomPieces(InputStream in) throws IOException {
        Random sizes = new Random(7);
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        while (true) {
            if (sizes.nextInt(10) == 0) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                all.write(b);
                continue;
            }
            byte[] piece = new byte[1 + sizes.nextInt(100_000)];
            int offset = sizes.nextInt(Math.max(1, piece.length / 4));
            int n = in.read(piece, offset, piece.length - offset);
            if (n < 0) {
                break;
            }
            assertTrue(n > 0, "a read that asked for bytes got none before the end");
            all.write(piece, offset, n);
        }
        return all.toByteArray();
    }

    /** A source that records which threads read bytes from it; {@code tellsReady}: whether its {@code available} is true. */
    private static final class RecordingSource extends InputStream {
        final Set<Thread> readers = ConcurrentHashMap.newKeySet();
        private final InputStream data;
        private final boolean tellsReady;

        RecordingSource(InputStream data, boolean tellsReady) {
            this.data = data;
            this.tellsReady = tellsReady;
        }

        @Override
        public int read() throws IOException {
            int b = data.read();
            if (b >= 0) {
                readers.add(Thread.currentThread());
            }
            return b;
        }

        @Override
        public int read(byte[] into, int offset, int length) throws IOException {
            int n = data.read(into, offset, length);
            if (n > 0) {
                readers.add(Thread.currentThread());
            }
            return n;
        }

        @Override
        public int available() throws IOException {
            return tellsReady ? data.available() : 0;
        }
    }

    @Test
    void bytesThatAreReadyAreReadOnTheReadersOwnThread() throws Exception {
        byte[] data = binary(3_000_007);
        RecordingSource source = new RecordingSource(new ByteArrayInputStream(data), true);
        SipInput in = new SipInput(source, "test-pump-direct");

        assertArrayEquals(data, readAllInRandomPieces(in));
        assertEquals(-1, in.read(), "the end stays the end");
        assertEquals(-1, in.read(new byte[10], 0, 10));
        // the end (available 0) is waited for through the pump: one hand-off per stream, not per chunk
        assertEquals(Set.of(Thread.currentThread()), source.readers, "bytes that were ready were handed over by another thread");
        in.close();
    }

    @Test
    void aSourceThatCannotSayWhatIsReadyIsReadByThePumpAlone() throws Exception {
        byte[] data = binary(1_000_003);
        RecordingSource source = new RecordingSource(new ByteArrayInputStream(data), false);
        SipInput in = new SipInput(source, "test-pump-only");

        assertArrayEquals(data, readAllInRandomPieces(in));
        assertEquals(-1, in.read());
        assertFalse(source.readers.contains(Thread.currentThread()), "the reader read a source that might have blocked");
        in.close();
    }

    @Test
    void aPipeFedInBurstsIsReadInOrderWhetherTheBytesWereReadyOrWaitedFor() throws Exception {
        byte[] data = binary(2_000_003);
        PipedOutputStream writer = new PipedOutputStream();
        PipedInputStream pipe = new PipedInputStream(writer, 64 * 1024);
        Thread feeder = Thread.ofPlatform().start(() -> {
            Random bursts = new Random(3);
            try (writer) {
                for (int at = 0; at < data.length; ) {
                    int n = Math.min(data.length - at, 1 + bursts.nextInt(40_000));
                    writer.write(data, at, n);
                    at += n;
                    if (bursts.nextInt(8) == 0) {
                        Thread.sleep(1); // the reader catches up and has to wait for the pump
                    }
                }
            } catch (IOException | InterruptedException e) {
                throw new AssertionError(e);
            }
        });
        SipInput in = new SipInput(pipe, "test-pump-pipe");

        assertArrayEquals(data, readAllInRandomPieces(in));
        feeder.join();
        in.close();
    }

    @Test
    void closingWakesAReaderWaitingForThePumpAndLaterReadsFail() throws Exception {
        InputStream never = new InputStream() {
            @Override
            public int read() throws IOException {
                try {
                    new java.util.concurrent.CountDownLatch(1).await();
                } catch (InterruptedException e) {
                    throw new java.io.InterruptedIOException();
                }
                return -1;
            }
        };
        SipInput in = new SipInput(never, "test-pump-never");
        var failure = new java.util.concurrent.atomic.AtomicReference<Throwable>();
        Thread reader = Thread.ofVirtual().start(() -> {
            try {
                in.read(new byte[8192], 0, 8192);
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reader.getState() != Thread.State.WAITING && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        in.close();
        reader.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(reader.isAlive(), "the reader still waits after the close");
        assertTrue(failure.get() instanceof IOException, "the waiting read ends with an I/O error: " + failure.get());
        assertThrows(IOException.class, () -> in.read(new byte[1], 0, 1));
    }
}
