package singj.kernel.proc;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.TerminalInput;

/**
 * A SIP's standard input read over a channel from the console ({@link TerminalInput}): each read
 * asks the console for at most the bytes wanted. The end of input, or the channel closing when
 * the program ends, reads as the end of the stream. The endpoint is the SIP's, so it closes (and
 * the console stops serving it) when the SIP ends.
 */
final class TerminalInputStream extends InputStream {
    private final Endpoint<TerminalInput> console;
    private boolean closed;

    TerminalInputStream(Endpoint<TerminalInput> console) {
        this.console = console;
    }

    @Override
    public int read() {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public synchronized int read(byte[] into, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, into.length);
        if (length == 0) {
            return 0;
        }
        if (closed) {
            return -1;
        }
        try {
            console.send(new TerminalInput.Read(length));
            if (console.receive() instanceof TerminalInput.Data(String bytes)) {
                byte[] data = bytes.getBytes(StandardCharsets.ISO_8859_1);
                System.arraycopy(data, 0, into, offset, data.length);
                return data.length;
            }
            return -1; // end of input: like a terminal, a later read may get more
        } catch (ChannelClosedException | IllegalStateException ended) {
            closed = true;
            return -1;
        }
    }
}
