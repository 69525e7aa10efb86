package singj.services.shell;

import java.util.ArrayList;
import java.util.List;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.kernel.Kernel;
import singj.abi.ProcessControl;
import singj.kernel.Sip;

/**
 * The shell's side of the kernel's process manager: {@code ps} and {@code kill} are messages of
 * {@link ProcessControl} over a channel the shell opens when it starts, not calls into the kernel.
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

    private Endpoint<ProcessControl> connected() {
        if (endpoint == null) {
            if (self == null) {
                throw new IllegalStateException("the shell has not connected to " + ProcessControl.NAME);
            }
            endpoint = kernel.ipc().names().open(ProcessControl.NAME, ProcessControl.class, self.holdings());
        }
        return endpoint;
    }
}
