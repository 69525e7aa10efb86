package singj.apps.shell;

import java.io.BufferedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * What the shell's commands act on: its standard streams (the console's, through the kernel), its
 * clients of the system's services (each only a channel, opened by name), the table of commands,
 * the background jobs and the current directory.
 */
public record Session(PrintStream out, PrintStream err, CommandTable commands, Jobs jobs, ProcessClient processes,
                      FileClient files, StatusClient status, InstallerClient installer, ConsoleClient console) {
    /**
     * The shell SIP's session: its own standard streams, buffered until the command is done (each
     * flush is a message to the console and its answer: a line each would be a round trip per
     * line of a table), every command, nothing connected yet.
     */
    public static Session standard() {
        return new Session(buffered(System.out), buffered(System.err), CommandTable.standard(), new Jobs(),
                new ProcessClient(), new FileClient(), new StatusClient(), new InstallerClient(), new ConsoleClient());
    }

    private static PrintStream buffered(PrintStream stream) {
        return new PrintStream(new BufferedOutputStream(stream, 1 << 16), false, StandardCharsets.UTF_8);
    }

    /** Sends what the command printed to the console: its output, then its errors. */
    public void flush() {
        out.flush();
        err.flush();
    }
}
