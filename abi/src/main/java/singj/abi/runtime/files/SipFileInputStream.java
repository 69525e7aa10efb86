package singj.abi.runtime.files;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;
import singj.abi.runtime.SipContext;

/**
 * What {@code new FileInputStream(name)} makes in a SIP: a {@code FileInputStream} (so code that
 * holds one by that type runs unchanged) over a file of the SIP's namespace. The JDK's state is
 * an unopened descriptor that nothing uses: every method that would read it is overridden.
 */
public final class SipFileInputStream extends FileInputStream {
    private final SeekableByteChannel channel;
    private final SipContext context;

    public SipFileInputStream(String name, SipContext context) throws FileNotFoundException {
        super(new FileDescriptor());
        this.context = context;
        this.channel = FileCalls.openForStream(Objects.requireNonNull(name), FileStreams.READ, context);
    }

    public SipFileInputStream(File file, SipContext context) throws FileNotFoundException {
        this(file.getPath(), context);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b) throws IOException {
        return read(b, 0, b.length);
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        return FileStreams.readSome(channel, ByteBuffer.wrap(b, off, len));
    }

    @Override
    public byte[] readAllBytes() throws IOException {
        return FileStreams.readAll(channel, context);
    }

    @Override
    public byte[] readNBytes(int len) throws IOException {
        if (len < 0) {
            throw new IllegalArgumentException("len < 0");
        }
        int size = (int) Math.min(len, Math.max(0, available()));
        if (size >= singj.abi.runtime.SipGlue.LARGE_ARRAY_BYTES) {
            context.largeAllocation(size);
        }
        byte[] bytes = new byte[size];
        int n = readNBytes(bytes, 0, bytes.length);
        return n == bytes.length ? bytes : java.util.Arrays.copyOf(bytes, n);
    }

    @Override
    public long transferTo(OutputStream out) throws IOException {
        byte[] buffer = new byte[16384];
        long total = 0;
        for (int n; (n = read(buffer, 0, buffer.length)) > 0; ) {
            out.write(buffer, 0, n);
            total += n;
        }
        return total;
    }

    @Override
    public long skip(long n) throws IOException {
        long position = channel.position();
        long target = Math.max(0, position + n);
        channel.position(target);
        return target - position;
    }

    @Override
    public int available() throws IOException {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, channel.size() - channel.position()));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    /** A SIP holds no host channel: use the stream, or {@code Files}. */
    @Override
    public FileChannel getChannel() {
        throw new UnsupportedOperationException("getChannel: a SIP's file has no host FileChannel");
    }
}
