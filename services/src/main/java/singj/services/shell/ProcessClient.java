package singj.services.shell;

import java.util.ArrayList;
import java.util.List;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.ProcessControl;
import singj.abi.TerminalInput;
import singj.kernel.Kernel;
import singj.kernel.proc.Sip;
import singj.services.ProgramException;

/**
 * The shell's side of the kernel's process manager: {@code ps}, {@code kill} and {@code run} are
 * messages of {@link ProcessControl}, not calls into the kernel: {@code ps} and {@code kill} over a
 * channel opened at the first of them, each {@code run} over a channel of its own.
 */
public final class ProcessClient {
    private Kernel kernel;
    private Sip self;
    private Endpoint<ProcessControl> endpoint;

    /** Who the shell is: the channel opens, as the shell SIP {@code self}, at the first command that needs it. */
    synchronized void connect(Kernel kernel, Sip self) {
        this.kernel = kernel;
        this.self = self;
    }

    /** The shell SIP, once it runs: channels the shell opens are held in its name. */
    synchronized Sip shell() {
        if (self == null) {
            throw new IllegalStateException("the shell is not running");
        }
        return self;
    }

    /** The process table, a row per process. */
    synchronized List<ProcessControl.Row> list() {
        Endpoint<ProcessControl> processes = connected();
        processes.send(new ProcessControl.ListProcesses());
        List<ProcessControl.Row> rows = new ArrayList<>();
        while (processes.receive() instanceof ProcessControl.Row row) {
            rows.add(row);
            processes.send(new ProcessControl.More());
        }
        return rows;
    }

    /** Kills {@code pid}: the kernel's answer, {@link ProcessControl.Killed} or {@link ProcessControl.Refused}. */
    synchronized Message kill(int pid) {
        Endpoint<ProcessControl> processes = connected();
        processes.send(new ProcessControl.Kill(pid));
        return processes.receive();
    }

    /**
     * Starts {@code program} on a channel of its own, which then waits for the program, so that this
     * client's channel stays free for {@code ps} and {@code kill} (Ctrl-C) meanwhile.
     *
     * @param input the program's standard input (it moves to the program), or null for none
     * @param quotas the quotas the shell grants it ({@link ProcessControl.Spawn#quotas}), or empty for the defaults
     * @param directories the host directories it grants ({@code --dir=HOST:PATH}, {@code --dir-rw=HOST:PATH})
     * @throws ProgramException if the kernel refused: no such program, a jar the verifier rejects
     */
    StartedProgram spawn(String program, List<String> args, Endpoint<TerminalInput> input, String quotas,
                         List<String> directories) {
        Endpoint<ProcessControl> channel = open();
        try {
            channel.send(new ProcessControl.Spawn(program, ProcessControl.joinArguments(args), input, quotas,
                    ProcessControl.joinArguments(directories)));
            Message answer = channel.receive();
            if (answer instanceof ProcessControl.Refused(String reason)) {
                channel.close();
                throw new ProgramException(List.of(reason.split("\n")), null);
            }
            ProcessControl.Spawned spawned = (ProcessControl.Spawned) answer;
            return new StartedProgram(spawned.pid(), spawned.program(), channel);
        } catch (RuntimeException e) {
            if (channel.isOpen()) {
                channel.close();
            }
            throw e;
        }
    }

    private Endpoint<ProcessControl> connected() {
        if (endpoint == null) {
            endpoint = open();
        }
        return endpoint;
    }

    private synchronized Endpoint<ProcessControl> open() {
        if (self == null) {
            throw new IllegalStateException("the shell has not connected to " + ProcessControl.NAME);
        }
        return kernel.ipc().names().open(ProcessControl.NAME, ProcessControl.class, self.holdings());
    }
}
