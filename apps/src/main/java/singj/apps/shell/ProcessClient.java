package singj.apps.shell;

import java.util.ArrayList;
import java.util.List;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Owned;
import singj.abi.ProcessControl;
import singj.abi.Sip;
import singj.abi.TerminalInput;

/**
 * The shell's side of the kernel's process manager: {@code ps}, {@code kill} and {@code run} are
 * messages of {@link ProcessControl}: {@code ps} and {@code kill} over a channel opened at the
 * first of them, each {@code run} over a channel of its own.
 */
public final class ProcessClient {
    private final Owned<Endpoint<ProcessControl>> connection = new Owned<>();

    /** The process table, a row per process. */
    synchronized List<ProcessControl.Row> list() {
        Endpoint<ProcessControl> processes = Connections.take(connection, ProcessControl.NAME, ProcessControl.class);
        try {
            processes.send(new ProcessControl.ListProcesses());
            List<ProcessControl.Row> rows = new ArrayList<>();
            while (processes.receive() instanceof ProcessControl.Row row) {
                rows.add(row);
                processes.send(new ProcessControl.More());
            }
            return rows;
        } finally {
            connection.put(processes);
        }
    }

    /** Kills {@code pid}: the kernel's answer, {@link ProcessControl.Killed} or {@link ProcessControl.Refused}. */
    synchronized Message kill(int pid) {
        Endpoint<ProcessControl> processes = Connections.take(connection, ProcessControl.NAME, ProcessControl.class);
        try {
            processes.send(new ProcessControl.Kill(pid));
            return processes.receive();
        } finally {
            connection.put(processes);
        }
    }

    /**
     * Starts {@code program} on a channel of its own, which then waits for the program, so that this
     * client's channel stays free for {@code ps} and {@code kill} (Ctrl-C) meanwhile.
     *
     * @param input the program's standard input (it moves to the program), or null for none
     * @param quotas the quotas the shell grants it ({@link ProcessControl.Spawn#quotas}), or empty for the defaults
     * @param directories the host directories it grants ({@code --dir=HOST:PATH}, {@code --dir-rw=HOST:PATH}),
     *     and where it sees {@code workingDirectory} ({@code --fs=PATH}, {@code --fs-rw=PATH})
     * @param workingDirectory the file system's directory it gets (it moves to the program), or null
     * @throws RefusedException if the kernel refused: no such program, a jar the verifier rejects
     */
    StartedProgram spawn(String program, List<String> args, Endpoint<TerminalInput> input, String quotas,
                         List<String> directories, Endpoint<Directory> workingDirectory, boolean ownProcess) {
        Endpoint<ProcessControl> channel;
        try {
            channel = Sip.open(ProcessControl.NAME, ProcessControl.class);
        } catch (RuntimeException e) {
            if (input != null) {
                input.close(); // it never left the shell: the console stops serving it
            }
            if (workingDirectory != null) {
                workingDirectory.close(); // nor did the directory
            }
            throw e;
        }
        Message answer;
        try {
            channel.send(new ProcessControl.Spawn(program, ProcessControl.joinArguments(args), input, quotas,
                    ProcessControl.joinArguments(directories), workingDirectory, ownProcess));
            answer = channel.receive();
        } catch (RuntimeException e) {
            if (channel.isOpen()) {
                channel.close();
            }
            throw e;
        }
        if (answer instanceof ProcessControl.Spawned spawned) {
            return new StartedProgram(spawned.pid(), spawned.program(), channel);
        }
        channel.close();
        if (answer instanceof ProcessControl.Refused(String reason)) {
            throw new RefusedException(reason);
        }
        throw new IllegalStateException("the process manager answered a Spawn with " + answer);
    }
}
