package singj.abi.runtime.files;

import java.io.File;
import java.io.FileDescriptor;
import java.io.FileWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import singj.abi.runtime.SipContext;

/** What {@code new FileWriter(name)} makes in a SIP (see {@link SipFileReader}). */
public final class SipFileWriter extends FileWriter {
    private final OutputStreamWriter writer;

    public SipFileWriter(String name, SipContext context) throws IOException {
        this(name, Charset.defaultCharset(), false, context);
    }

    public SipFileWriter(String name, boolean append, SipContext context) throws IOException {
        this(name, Charset.defaultCharset(), append, context);
    }

    public SipFileWriter(File file, SipContext context) throws IOException {
        this(file.getPath(), Charset.defaultCharset(), false, context);
    }

    public SipFileWriter(File file, boolean append, SipContext context) throws IOException {
        this(file.getPath(), Charset.defaultCharset(), append, context);
    }

    public SipFileWriter(String name, Charset charset, SipContext context) throws IOException {
        this(name, charset, false, context);
    }

    public SipFileWriter(File file, Charset charset, SipContext context) throws IOException {
        this(file.getPath(), charset, false, context);
    }

    public SipFileWriter(File file, Charset charset, boolean append, SipContext context) throws IOException {
        this(file.getPath(), charset, append, context);
    }

    public SipFileWriter(String name, Charset charset, boolean append, SipContext context) throws IOException {
        super(new FileDescriptor());
        this.writer = new OutputStreamWriter(new SipFileOutputStream(name, append, context), charset);
    }

    @Override public String getEncoding() { return writer.getEncoding(); }
    @Override public void write(int c) throws IOException { writer.write(c); }
    @Override public void write(char[] cbuf) throws IOException { writer.write(cbuf, 0, cbuf.length); }
    @Override public void write(char[] cbuf, int off, int len) throws IOException { writer.write(cbuf, off, len); }
    @Override public void write(String str) throws IOException { writer.write(str, 0, str.length()); }
    @Override public void write(String str, int off, int len) throws IOException { writer.write(str, off, len); }
    @Override public Writer append(CharSequence csq) throws IOException { writer.append(csq); return this; }
    @Override public Writer append(CharSequence csq, int start, int end) throws IOException { writer.append(csq, start, end); return this; }
    @Override public Writer append(char c) throws IOException { writer.append(c); return this; }
    @Override public void flush() throws IOException { writer.flush(); }
    @Override public void close() throws IOException { writer.close(); }
}
