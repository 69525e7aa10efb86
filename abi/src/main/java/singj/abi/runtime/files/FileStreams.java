package singj.abi.runtime.files;

import java.io.BufferedWriter;
import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UnsupportedEncodingException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.Charset;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Set;
import singj.abi.runtime.SipContext;

/**
 * What the installer passes to a JDK constructor in place of a file name: {@code new
 * PrintWriter("out.txt")} becomes {@code new PrintWriter(FileStreams.writer("out.txt", context))},
 * the same object the JDK's constructor would make around its own {@code FileOutputStream}, over
 * the SIP's namespace instead (the installer's {@code FileConstructors} lists them). The java.io
 * classes that are themselves files ({@code FileInputStream} and the like) are replaced by the
 * {@code Sip*} subclasses instead, so that code holding one by its own type keeps working.
 */
public final class FileStreams {
    static final Set<OpenOption> READ = Set.of(StandardOpenOption.READ);
    static final Set<OpenOption> TRUNCATE = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
            StandardOpenOption.TRUNCATE_EXISTING);
    static final Set<OpenOption> APPEND = Set.of(StandardOpenOption.WRITE, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);

    private FileStreams() {}

    /** The rest of the file; the array is announced to the SIP's memory quota first, as sealed code's are. */
    static byte[] readAll(SeekableByteChannel channel, SipContext context) throws IOException {
        long size = channel.size() - channel.position();
        if (size > Integer.MAX_VALUE - 8) {
            throw new OutOfMemoryError("Required array size too large");
        }
        if (size >= singj.abi.runtime.SipGlue.LARGE_ARRAY_BYTES) {
            context.largeAllocation(size);
        }
        // the size it has now, then one byte more to see the end, as the JDK reads: no copy unless it grew
        ByteBuffer buffer = ByteBuffer.allocate((int) Math.max(size, 0));
        while (true) {
            while (buffer.hasRemaining()) {
                if (readSome(channel, buffer) < 0) {
                    return Arrays.copyOf(buffer.array(), buffer.position()); // it shrank while being read
                }
            }
            ByteBuffer one = ByteBuffer.allocate(1);
            if (channel.read(one) < 0) {
                return buffer.array();
            }
            int capacity = Math.max(buffer.capacity() * 2, 8192);
            buffer = ByteBuffer.allocate(capacity).put(buffer.flip()).put(one.flip());
        }
    }

    /**
     * The most one host read or write moves: a channel copies a heap buffer through a temporary
     * direct buffer as large as what is asked, so one read of a 100 MB file allocated (and
     * zeroed) 100 MB of native memory each time; the JDK's streams move at most this much a call too.
     */
    static final int MOST_AT_ONCE = 1 << 20;

    /** One read of at most {@link #MOST_AT_ONCE} bytes into {@code buffer}. */
    static int readSome(SeekableByteChannel channel, ByteBuffer buffer) throws IOException {
        int limit = buffer.limit();
        buffer.limit(Math.min(limit, buffer.position() + MOST_AT_ONCE));
        try {
            return channel.read(buffer);
        } finally {
            buffer.limit(limit);
        }
    }

    /** Writes all of {@code buffer}, at most {@link #MOST_AT_ONCE} bytes a host write. */
    static void writeAll(SeekableByteChannel channel, ByteBuffer buffer) throws IOException {
        int limit = buffer.limit();
        while (buffer.position() < limit) {
            buffer.limit(Math.min(limit, buffer.position() + MOST_AT_ONCE));
            channel.write(buffer);
            buffer.limit(limit);
        }
    }

    /** A stream over a file of the namespace (what {@code Files.newInputStream} gives). */
    static InputStream input(SeekableByteChannel channel, SipContext context) {
        return new InputStream() {
            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                return len == 0 ? 0 : readSome(channel, ByteBuffer.wrap(b, off, len));
            }

            @Override
            public byte[] readAllBytes() throws IOException {
                return readAll(channel, context);
            }

            @Override
            public int available() throws IOException {
                return (int) Math.min(Integer.MAX_VALUE, Math.max(0, channel.size() - channel.position()));
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    /** A stream writing a file of the namespace (what {@code Files.newOutputStream} gives). */
    static OutputStream output(SeekableByteChannel channel) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                java.util.Objects.checkFromIndexSize(off, len, b.length);
                writeAll(channel, ByteBuffer.wrap(b, off, len));
            }

            @Override
            public void close() throws IOException {
                channel.close();
            }
        };
    }

    private static String name(File file) {
        return file.getPath();
    }

    // ---- as new FileOutputStream(name) would give: PrintStream(String|File) ------------------------

    public static OutputStream output(String name, SipContext context) throws FileNotFoundException {
        return output(FileCalls.openForStream(name, TRUNCATE, context));
    }

    public static OutputStream output(File file, SipContext context) throws FileNotFoundException {
        return output(name(file), context);
    }

    // ---- PrintWriter(String|File [, charset]) --------------------------------------------------

    public static Writer writer(String name, SipContext context) throws FileNotFoundException {
        return new BufferedWriter(new OutputStreamWriter(output(name, context)));
    }

    public static Writer writer(File file, SipContext context) throws FileNotFoundException {
        return writer(name(file), context);
    }

    public static Writer writer(String name, String charsetName, SipContext context)
            throws FileNotFoundException, UnsupportedEncodingException {
        Charset charset = charset(charsetName);
        return new BufferedWriter(new OutputStreamWriter(output(name, context), charset));
    }

    public static Writer writer(File file, String charsetName, SipContext context)
            throws FileNotFoundException, UnsupportedEncodingException {
        return writer(name(file), charsetName, context);
    }

    public static Writer writer(String name, Charset charset, SipContext context) throws IOException {
        return new BufferedWriter(new OutputStreamWriter(output(name, context), charset));
    }

    public static Writer writer(File file, Charset charset, SipContext context) throws IOException {
        return writer(name(file), charset, context);
    }

    private static Charset charset(String name) throws UnsupportedEncodingException {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            throw new UnsupportedEncodingException(name);
        }
    }

    // ---- Scanner(File|Path [, charset]) ----------------------------------------------------------

    public static InputStream input(File file, SipContext context) throws FileNotFoundException {
        return input(FileCalls.openForStream(name(file), READ, context), context);
    }

    public static InputStream input(Path path, SipContext context) throws IOException {
        return input(FileCalls.open(path, READ, context), context);
    }
}
