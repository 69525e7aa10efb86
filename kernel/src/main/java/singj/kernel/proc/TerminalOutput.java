package singj.kernel.proc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.Terminal;

/**
 * A SIP's standard output or error when the console is a service: each write (the SIP's streams
 * are buffered, so a write is a flush) is a {@link Terminal.Write} to the console, answered once
 * the console wrote it. Output and error share one channel, so they stay in order.
 */
final class TerminalOutput extends OutputStream {
    private final Endpoint<Terminal> terminal;
    private final boolean error;

    TerminalOutput(Endpoint<Terminal> terminal, boolean error) {
        this.terminal = terminal;
        this.error = error;
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        if (length == 0) {
            return;
        }
        synchronized (terminal) { // output and error: one conversation
            try {
                terminal.send(new Terminal.Write(error, new String(bytes, offset, length, StandardCharsets.ISO_8859_1)));
                terminal.receive();
            } catch (ChannelClosedException | IllegalStateException gone) {
                throw new IOException("the console is gone: " + gone.getMessage(), gone);
            }
        }
    }
}
