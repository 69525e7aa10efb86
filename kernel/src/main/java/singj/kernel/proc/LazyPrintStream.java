package singj.kernel.proc;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;

/**
 * A SIP's {@code System.out} or {@code System.err}, made on its first use. A {@code PrintStream}
 * with its buffers is ~25 KB (an 8 KB byte buffer, a 16 KB character buffer); made eagerly, the
 * two of them were most of the ~64 KB a spawn allocated, for SIPs that mostly never print, and
 * that garbage cost a young collection every few hundred spawns.
 */
final class LazyPrintStream {
    private final SipOutput target;
    private final String encodingProperty;
    private volatile PrintStream stream;

    /** {@code encodingProperty}: {@code stdout.encoding} or {@code stderr.encoding}. */
    LazyPrintStream(SipOutput target, String encodingProperty) {
        this.target = target;
        this.encodingProperty = encodingProperty;
    }

    PrintStream get() {
        PrintStream made = stream;
        return made != null ? made : make();
    }

    private synchronized PrintStream make() {
        if (stream == null) {
            stream = new PrintStream(new BufferedOutputStream(target, 8192), true, hostEncoding(encodingProperty));
        }
        return stream;
    }

    /** Flushes what was printed and cuts the stream off from its target; later writes are dropped. */
    void close() {
        PrintStream made;
        synchronized (this) {
            made = stream;
        }
        if (made != null) {
            made.close(); // closes the target too
            return;
        }
        try {
            target.close();
        } catch (IOException e) {
            // as PrintStream.close: the SIP is gone, and the host stream's trouble is not its
        }
    }

    /**
     * The charset {@code java} gives {@code System.out} and {@code System.err}: the host's
     * {@code stdout.encoding}/{@code stderr.encoding} (the terminal's or the locale's, US-ASCII in
     * the C locale), which is not always the default charset, UTF-8.
     */
    private static Charset hostEncoding(String property) {
        String name = System.getProperty(property);
        try {
            return name == null ? Charset.defaultCharset() : Charset.forName(name);
        } catch (IllegalArgumentException unknown) {
            return Charset.defaultCharset();
        }
    }
}
