package singj.services.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One of the console's output streams. While the person edits a line at the prompt, output of
 * background SIPs must not land in the middle of it: complete lines then go above the line being
 * edited, and a partial line waits for its end. Otherwise output goes straight to the host.
 */
final class ConsoleOutput extends OutputStream {
    private final OutputStream host;
    private final LineSource source;
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

    ConsoleOutput(OutputStream host, LineSource source) {
        this.host = host;
        this.source = source;
    }

    @Override
    public synchronized void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public synchronized void write(byte[] bytes, int offset, int length) throws IOException {
        if (!source.interactive()) {
            host.write(bytes, offset, length);
            return;
        }
        int start = offset;
        int end = offset + length;
        for (int i = offset; i < end; i++) {
            if (bytes[i] == '\n') {
                partial.write(bytes, start, i - start);
                emitLine();
                start = i + 1;
            }
        }
        partial.write(bytes, start, end - start);
    }

    @Override
    public synchronized void flush() throws IOException {
        if (partial.size() > 0 && !source.isReading()) {
            partial.writeTo(host);
            partial.reset();
        }
        host.flush();
    }

    private void emitLine() throws IOException {
        String line = partial.toString(StandardCharsets.UTF_8);
        partial.reset();
        if (!source.printAbove(line)) {
            host.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            host.flush();
        }
    }
}
