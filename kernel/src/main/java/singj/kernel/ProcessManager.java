package singj.kernel;

import java.time.Duration;
import java.util.List;
import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.ProcessControl;
import singj.abi.NameServiceException;
import singj.abi.Service;
import singj.abi.TerminalInput;
import singj.kernel.ipc.Grants;
import singj.kernel.ipc.Holdings;

/**
 * The kernel's process manager: a service at {@value ProcessControl#NAME} that answers {@link ProcessControl}
 * on a kernel thread per client. The shell lists, starts and kills processes through it, by
 * contract, like any other client. A client's thread waits for each program the client starts,
 * so the exit status reaches the client however soon the program ends.
 */
final class ProcessManager {
    private static final Duration CLEANUP_WAIT = Duration.ofSeconds(6);

    private final Kernel kernel;
    private final Service<ProcessControl> service;
    private volatile boolean stopping;

    ProcessManager(Kernel kernel) {
        this.kernel = kernel;
        Holdings holdings = new Holdings(0, "kernel", Grants.ALL, 0, () -> stopping,
                KernelStopping::new);
        this.service = kernel.ipc().names().register(ProcessControl.NAME, ProcessControl.class, holdings);
        Thread.ofPlatform().daemon().name("singj-process-manager").start(this::acceptClients);
    }

    private void acceptClients() {
        try {
            while (!stopping) {
                Endpoint<ProcessControl> client = service.accept();
                Thread.ofPlatform().daemon().name("singj-process-manager-client").start(() -> serve(client));
            }
        } catch (NameServiceException | KernelStopping closed) {
            // the kernel closed the service
        }
    }

    private void serve(Endpoint<ProcessControl> client) {
        try {
            while (true) {
                Message request = client.receive();
                switch (request) {
                    case ProcessControl.ListProcesses() -> list(client);
                    case ProcessControl.Kill(int pid) -> client.send(kill(pid));
                    case ProcessControl.Spawn(String program, String arguments, Endpoint<TerminalInput> input) ->
                            spawnAndWait(client, program, ProcessControl.splitArguments(arguments), input);
                    default -> throw new IllegalStateException("the contract admits no " + request);
                }
            }
        } catch (ChannelClosedException | InterruptedException | KernelStopping gone) {
            if (client.isOpen()) {
                client.close();
            }
        }
    }

    private void list(Endpoint<ProcessControl> client) {
        List<ProcessInfo> processes = kernel.processes();
        for (ProcessInfo p : processes) {
            client.send(new ProcessControl.Row(p.pid(), p.program(), p.state().toString(), p.threads(), p.memoryBytes(),
                    p.uptime().toMillis(), p.system()));
            if (!(client.receive() instanceof ProcessControl.More)) {
                throw new IllegalStateException("the contract admits only More here");
            }
        }
        client.send(new ProcessControl.End());
    }

    private Message kill(int pid) throws InterruptedException {
        Sip sip = kernel.process(pid).orElse(null);
        if (sip == null) {
            return new ProcessControl.Refused("no process with pid " + pid + " (see 'ps')");
        }
        if (sip.isSystem()) {
            return new ProcessControl.Refused("pid " + pid + " is the " + sip.program()
                    + ", a system SIP; it stops only with the system ('exit')");
        }
        if (!sip.kill(KillCause.REQUESTED, "killed by the shell")) {
            return new ProcessControl.Refused("pid " + pid + " has already ended");
        }
        return new ProcessControl.Killed(pid, sip.awaitExit(CLEANUP_WAIT) != null);
    }

    /**
     * Starts {@code program} and reports {@link ProcessControl.Spawned}, then waits for it (this client's
     * thread is its own) and reports {@link ProcessControl.Exited}.
     */
    private void spawnAndWait(Endpoint<ProcessControl> client, String program, List<String> args,
                              Endpoint<TerminalInput> input) throws InterruptedException {
        Sip sip;
        try {
            sip = kernel.spawn(kernel.programs().load(program), SipOptions.of(Stdio.console(input)).withArgs(args));
        } catch (KernelException e) {
            if (input != null && input.isOpen()) {
                input.close(); // it never reached the SIP: the console stops serving it
            }
            client.send(new ProcessControl.Refused(e.getMessage()));
            return;
        }
        client.send(new ProcessControl.Spawned(sip.pid(), sip.program()));
        ExitStatus status = sip.awaitExit();
        client.send(new ProcessControl.Exited(sip.pid(), status.code(), status.wasKilled() ? status.detail() : ""));
    }

    /** What wakes the process manager's threads when the kernel stops. */
    private static final class KernelStopping extends Error {
        KernelStopping() {
            super("the kernel is shutting down", null, false, false);
        }
    }

    void close() {
        stopping = true;
        service.close();
    }
}
