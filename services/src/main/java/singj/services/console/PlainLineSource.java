package singj.services.console;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Lines from piped input, read plainly: no prompt, no echo, no escape codes. A line holding only
 * EOT ({@code \u0004}, what Ctrl-D sends) ends the input of the program reading it, as Ctrl-D
 * does in a terminal, so that a script can feed a program and then go on with shell commands.
 */
public final class PlainLineSource implements LineSource {
    static final String END_OF_TRANSMISSION = "\u0004";

    private final BufferedReader reader;

    public PlainLineSource(InputStream in) {
        this.reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    }

    @Override
    public Line read(LineRequest request) {
        String line;
        try {
            line = reader.readLine();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the console's input", e);
        }
        if (line == null) {
            return Line.CLOSED;
        }
        return line.equals(END_OF_TRANSMISSION) ? Line.END : new Line.Text(line);
    }

    @Override
    public boolean interactive() {
        return false;
    }

    @Override
    public void close() {
        // the input stream belongs to whoever started SingJ
    }
}
