package singj.services.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import org.jline.reader.Completer;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.reader.impl.LineReaderImpl;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * Lines from a terminal, through JLine: line editing, history (kept in a file), tab completion
 * of shell commands, Ctrl-C and Ctrl-D. A foreground SIP's input is read the same way but goes
 * into no history and completes nothing.
 */
public final class JLineSource implements LineSource {
    private final Terminal terminal;
    private final LineReader reader;
    private volatile LineRequest.Purpose purpose = LineRequest.Purpose.COMMAND;

    private JLineSource(Terminal terminal, Completer commandCompleter, Path historyFile) {
        this.terminal = terminal;
        Completer onlyForCommands = (lineReader, line, candidates) -> {
            if (purpose == LineRequest.Purpose.COMMAND) {
                commandCompleter.complete(lineReader, line, candidates);
            }
        };
        this.reader = LineReaderBuilder.builder()
                .terminal(terminal)
                .appName("singj")
                .completer(onlyForCommands)
                .variable(LineReader.HISTORY_FILE, historyFile)
                .variable(LineReader.HISTORY_SIZE, 1000)
                .option(LineReader.Option.DISABLE_EVENT_EXPANSION, true)
                .option(LineReader.Option.HISTORY_IGNORE_DUPS, true)
                .option(LineReader.Option.HISTORY_IGNORE_SPACE, true)
                .build();
    }

    /** Opens the process's terminal; {@code historyFile} keeps the command history between boots. */
    public static JLineSource openSystemTerminal(Completer commandCompleter, Path historyFile) {
        try {
            Terminal terminal = TerminalBuilder.builder().system(true).name("singj").build();
            return new JLineSource(terminal, commandCompleter, historyFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the terminal: " + e.getMessage(), e);
        }
    }

    @Override
    public Line read(LineRequest request) {
        purpose = request.purpose();
        reader.variable(LineReader.DISABLE_HISTORY, request.purpose() == LineRequest.Purpose.PROGRAM_INPUT);
        try {
            return new Line.Text(reader.readLine(request.prompt()));
        } catch (UserInterruptException e) {
            return Line.INTERRUPT;
        } catch (EndOfFileException e) {
            return Line.END;
        }
    }

    @Override
    public boolean interactive() {
        return true;
    }

    @Override
    public void retarget(LineRequest request) {
        purpose = request.purpose();
        reader.variable(LineReader.DISABLE_HISTORY, request.purpose() == LineRequest.Purpose.PROGRAM_INPUT);
        if (reader.isReading()) {
            try {
                if (reader instanceof LineReaderImpl impl) {
                    impl.setPrompt(request.prompt());
                }
                reader.callWidget(LineReader.REDRAW_LINE);
                reader.callWidget(LineReader.REDISPLAY);
            } catch (IllegalStateException readEnded) {
                // the read finished meanwhile; the next one shows the new prompt anyway
            }
        }
    }

    @Override
    public boolean printAbove(String line) {
        if (!reader.isReading()) {
            return false;
        }
        reader.printAbove(line);
        return true;
    }

    @Override
    public boolean isReading() {
        return reader.isReading();
    }

    @Override
    public void onInterrupt(Runnable handler) {
        terminal.handle(Terminal.Signal.INT, signal -> handler.run());
    }

    @Override
    public void close() {
        try {
            reader.getHistory().save();
        } catch (IOException | RuntimeException e) {
            // losing the history is no reason to fail a shutdown
        }
        try {
            terminal.close();
        } catch (IOException e) {
            // the terminal goes away with the process anyway
        }
    }
}
