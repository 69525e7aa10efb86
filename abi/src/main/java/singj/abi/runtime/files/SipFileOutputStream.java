package singj.abi.runtime.files;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileNotFoundException;
import java.io.FileOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.util.Objects;
import singj.abi.runtime.SipContext;

/** What {@code new FileOutputStream(name)} makes in a SIP (see {@link SipFileInputStream}). */
public final class SipFileOutputStream extends FileOutputStream {
    private final SeekableByteChannel channel;

    public SipFileOutputStream(String name, SipContext context) throws FileNotFoundException {
        this(name, false, context);
    }

    public SipFileOutputStream(String name, boolean append, SipContext context) throws FileNotFoundException {
        super(new FileDescriptor());
        this.channel = FileCalls.openForStream(Objects.requireNonNull(name),
                append ? FileStreams.APPEND : FileStreams.TRUNCATE, context);
    }

    public SipFileOutputStream(File file, SipContext context) throws FileNotFoundException {
        this(file.getPath(), false, context);
    }

    public SipFileOutputStream(File file, boolean append, SipContext context) throws FileNotFoundException {
        this(file.getPath(), append, context);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] b) throws IOException {
        write(b, 0, b.length);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        FileStreams.writeAll(channel, ByteBuffer.wrap(b, off, len));
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }

    @Override
    public FileChannel getChannel() {
        throw new UnsupportedOperationException("getChannel: a SIP's file has no host FileChannel");
    }
}
