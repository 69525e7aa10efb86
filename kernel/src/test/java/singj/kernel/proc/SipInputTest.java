package singj.kernel.proc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
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
}
