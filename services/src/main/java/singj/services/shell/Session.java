package singj.services.shell;

import java.io.PrintStream;
import singj.kernel.Kernel;
import singj.services.ProgramManager;
import singj.services.console.Console;

/** What the shell's commands act on: the kernel, the console, the image, the background jobs, the file system. */
public record Session(Kernel kernel, Console console, ProgramManager programs, CommandTable commands, Jobs jobs,
                      ProcessClient processes, FileClient files) {
    public Session(Kernel kernel, Console console, ProgramManager programs, CommandTable commands, Jobs jobs) {
        this(kernel, console, programs, commands, jobs, new ProcessClient(), new FileClient());
    }

    public PrintStream out() {
        return console.out();
    }

    public PrintStream err() {
        return console.err();
    }
}
