package singj.abi.runtime.files;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileNotFoundException;
import java.io.FileReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import singj.abi.runtime.SipContext;

/**
 * What {@code new FileReader(name)} makes in a SIP: a {@code FileReader} whose every method reads
 * a file of the SIP's namespace (the JDK's own reader, over an unopened descriptor, is never used).
 */
public final class SipFileReader extends FileReader {
    private final InputStreamReader reader;

    public SipFileReader(String name, SipContext context) throws FileNotFoundException {
        this(name, Charset.defaultCharset(), context);
    }

    public SipFileReader(File file, SipContext context) throws FileNotFoundException {
        this(file.getPath(), Charset.defaultCharset(), context);
    }

    public SipFileReader(String name, Charset charset, SipContext context) throws FileNotFoundException {
        super(new FileDescriptor());
        this.reader = new InputStreamReader(new SipFileInputStream(name, context), charset);
    }

    public SipFileReader(File file, Charset charset, SipContext context) throws FileNotFoundException {
        this(file.getPath(), charset, context);
    }

    @Override public String getEncoding() { return reader.getEncoding(); }
    @Override public int read() throws IOException { return reader.read(); }
    @Override public int read(char[] cbuf) throws IOException { return reader.read(cbuf, 0, cbuf.length); }
    @Override public int read(char[] cbuf, int off, int len) throws IOException { return reader.read(cbuf, off, len); }
    @Override public int read(CharBuffer target) throws IOException { return reader.read(target); }
    @Override public boolean ready() throws IOException { return reader.ready(); }
    @Override public long skip(long n) throws IOException { return reader.skip(n); }
    @Override public long transferTo(Writer out) throws IOException { return reader.transferTo(out); }
    @Override public boolean markSupported() { return false; }
    @Override public void close() throws IOException { reader.close(); }
}
