package singj.apps.shell;

import java.io.PrintStream;

/**
 * What the shell's commands act on: its standard streams (the console's, through the kernel), its
 * clients of the system's services (each only a channel, opened by name), the table of commands,
 * the background jobs and the current directory.
 */
public record Session(PrintStream out, PrintStream err, CommandTable commands, Jobs jobs, ProcessClient processes,
                      FileClient files, StatusClient status, InstallerClient installer, ConsoleClient console) {
    /** The shell SIP's session: its own standard streams, every command, nothing connected yet. */
    public static Session standard() {
        return new Session(System.out, System.err, CommandTable.standard(), new Jobs(), new ProcessClient(),
                new FileClient(), new StatusClient(), new InstallerClient(), new ConsoleClient());
    }
}
