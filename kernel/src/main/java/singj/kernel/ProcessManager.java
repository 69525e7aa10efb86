package singj.kernel;

import java.time.Duration;
import java.util.List;
import singj.abi.ChannelClosedException;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.ProcessControl;
import singj.abi.NameServiceException;
import singj.abi.Service;
import singj.abi.TerminalInput;
import singj.kernel.files.DirectoryGrant;
import singj.kernel.files.FsGrant;
import singj.kernel.ipc.Grants;
import singj.kernel.ipc.Holdings;
import singj.kernel.ipc.Quotas;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.ProcessInfo;
import singj.kernel.proc.Proc;

/**
 * The kernel's process manager: a service at {@value ProcessControl#NAME} that answers {@link ProcessControl}
 * on a kernel thread per client. The shell lists, starts and kills processes through it, by
 * contract, like any other client. A client's thread waits for each program the client starts,
 * so the exit status reaches the client however soon the program ends.
 *
 * <p>At {@value ProcessControl#CHILDREN} it serves user programs the same contract over their own
 * children only: the SIP holding the client end (asked at each request: an end can be sent on)
 * sees and kills only SIPs it started there, and what it starts is granted no more than it holds.
 */
final class ProcessManager {
    private static final Duration CLEANUP_WAIT = Duration.ofSeconds(6);

    private final Kernel kernel;
    private final Service<ProcessControl> service;
    private final Service<ProcessControl> children;
    private volatile boolean stopping;

    ProcessManager(Kernel kernel) {
        this.kernel = kernel;
        Holdings holdings = new Holdings(0, "kernel", Grants.ALL, 0, () -> stopping,
                KernelStopping::new);
        this.service = kernel.ipc().names().register(ProcessControl.NAME, ProcessControl.class, holdings);
        // a service for user programs: registered under a user grant, so it is no system service and /* reaches it
        Holdings forUsers = new Holdings(0, "kernel", new Grants(List.of(ProcessControl.CHILDREN), List.of()), 0,
                () -> stopping, KernelStopping::new);
        this.children = kernel.ipc().names().register(ProcessControl.CHILDREN, ProcessControl.class, forUsers);
        Thread.ofPlatform().daemon().name("singj-process-manager").start(() -> acceptClients(service, false));
        Thread.ofPlatform().daemon().name("singj-process-children").start(() -> acceptClients(children, true));
    }

    private void acceptClients(Service<ProcessControl> names, boolean childrenOnly) {
        try {
            while (!stopping) {
                Endpoint<ProcessControl> client = names.accept();
                Thread.ofPlatform().daemon().name("singj-process-manager-client").start(() -> serve(client, childrenOnly));
            }
        } catch (NameServiceException | KernelStopping closed) {
            // the kernel closed the service
        }
    }

    private void serve(Endpoint<ProcessControl> client, boolean childrenOnly) {
        try {
            while (true) {
                Message request = client.receive();
                // who asks, at each request: the client end may have been sent to another SIP
                Proc parent = childrenOnly ? clientSip(client) : null;
                switch (request) {
                    case ProcessControl.ListProcesses() -> list(client, childrenOnly, parent);
                    case ProcessControl.Kill(int pid) -> client.send(kill(pid, childrenOnly, parent));
                    case ProcessControl.Spawn(String program, String arguments, Endpoint<TerminalInput> input, String quotas,
                                              String directories, Endpoint<Directory> workingDirectory, boolean ownProcess) ->
                            spawnAndWait(client, program, ProcessControl.splitArguments(arguments), input, quotas,
                                    directories, workingDirectory, ownProcess, childrenOnly, parent);
                    default -> throw new IllegalStateException("the contract admits no " + request);
                }
            }
        } catch (ChannelClosedException | InterruptedException | KernelStopping gone) {
            if (client.isOpen()) {
                client.close();
            }
        }
    }

    /**
     * The SIP holding the other end of {@code client}; a client the kernel cannot place (its end is
     * in a message, its SIP ended) is served as a SIP with no children and nothing to grant.
     */
    private Proc clientSip(Endpoint<ProcessControl> client) {
        Holdings holder = kernel.ipc().peerOf(client);
        Proc sip = holder == null ? null : kernel.process(holder.pid()).orElse(null);
        return sip != null && sip.holdings() == holder ? sip : null;
    }

    /** Whether a client may see and kill the SIP whose parent is {@code parentPid}. */
    private static boolean visible(boolean childrenOnly, Proc parent, int parentPid) {
        return !childrenOnly || parent != null && parentPid == parent.pid();
    }

    private void list(Endpoint<ProcessControl> client, boolean childrenOnly, Proc parent) {
        List<ProcessInfo> processes = kernel.processes();
        for (ProcessInfo p : processes) {
            if (!visible(childrenOnly, parent, p.parentPid())) {
                continue;
            }
            Grant g = p.grant();
            var q = g.quotas();
            client.send(new ProcessControl.Row(p.pid(), p.program(), p.state().toString(), p.threads(), q.threads(),
                    p.memoryBytes(), g.memoryQuota(), p.channels(), q.channels(), p.names(), q.names(), p.accepts(),
                    q.accepts(), p.uptime().toMillis(), p.system(), g.describe(), p.parentPid(), p.holdUp()));
            if (!(client.receive() instanceof ProcessControl.More)) {
                throw new IllegalStateException("the contract admits only More here");
            }
        }
        client.send(new ProcessControl.End());
    }

    private Message kill(int pid, boolean childrenOnly, Proc parent) throws InterruptedException {
        Proc sip = kernel.process(pid).orElse(null);
        if (sip == null) {
            return new ProcessControl.Refused("no process with pid " + pid + " (see 'ps')");
        }
        if (!visible(childrenOnly, parent, sip.parentPid())) {
            return new ProcessControl.Refused("pid " + pid + " is not a child of "
                    + (parent == null ? "the asking SIP" : "pid " + parent.pid())
                    + ": at " + ProcessControl.CHILDREN + " a SIP kills only the SIPs it started");
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
                              Endpoint<TerminalInput> input, String quotas, String directories,
                              Endpoint<Directory> workingDirectory, boolean ownProcess, boolean childrenOnly, Proc parent)
            throws InterruptedException {
        Proc sip;
        try {
            if (childrenOnly && parent == null) {
                throw new KernelException("cannot start " + program + ": the SIP asking is ending, or its end of "
                        + ProcessControl.CHILDREN + " is in a message");
            }
            Quotas offered;
            try {
                offered = Quotas.parse(quotas);
            } catch (IllegalArgumentException e) {
                throw new KernelException("cannot start " + program + ": " + e.getMessage(), e);
            }
            SpawnOptions options = SpawnOptions.of(directories);
            SipOptions sipOptions = SipOptions.of(Stdio.console(input)).withArgs(args).withQuotas(offered)
                    .withDirectories(directories(program, options.host(), childrenOnly))
                    .withFileSystem(fileSystem(program, options.fileSystem(), workingDirectory))
                    .withGrants(names(program, options.opens()));
            sip = kernel.spawn(kernel.programs().load(program), sipOptions, parent, ownProcess);
        } catch (KernelException | IllegalArgumentException e) { // IllegalArgumentException: a grant that cannot be opened
            if (input != null && input.isOpen()) {
                input.close(); // it never reached the SIP: the console stops serving it
            }
            if (workingDirectory != null && workingDirectory.isOpen()) {
                workingDirectory.close(); // nor did the directory: the file system's thread for it ends
            }
            client.send(new ProcessControl.Refused(e.getMessage()));
            return;
        }
        client.send(new ProcessControl.Spawned(sip.pid(), sip.program()));
        ExitStatus status = sip.awaitExit();
        client.send(new ProcessControl.Exited(sip.pid(), status.code(), status.wasKilled() ? status.detail() : ""));
    }

    /**
     * The options of a {@link ProcessControl.Spawn}'s {@code directories}, sorted by kind in one
     * pass: where the file system's directory is seen ({@code --fs=PATH}, {@code --fs-rw=PATH}),
     * the system services named ({@code --opens=NAME}), and the rest, host directories or not.
     */
    private record SpawnOptions(List<String> host, List<String> fileSystem, List<String> opens) {
        static SpawnOptions of(String joined) {
            var options = new SpawnOptions(new java.util.ArrayList<>(), new java.util.ArrayList<>(), new java.util.ArrayList<>());
            for (String option : joined.isEmpty() ? List.<String>of() : ProcessControl.splitArguments(joined)) {
                if (option.startsWith("--fs=") || option.startsWith("--fs-rw=")) {
                    options.fileSystem.add(option);
                } else if (option.startsWith("--opens=")) {
                    options.opens.add(option.substring("--opens=".length()));
                } else {
                    options.host.add(option);
                }
            }
            return options;
        }
    }

    /**
     * The host directories of a {@link ProcessControl.Spawn}. A SIP holds no host directory it
     * could pass on, so only the kernel's own clients grant them, never a SIP at
     * {@value ProcessControl#CHILDREN}.
     */
    private static List<DirectoryGrant> directories(String program, List<String> options, boolean childrenOnly) {
        List<DirectoryGrant> grants = new java.util.ArrayList<>();
        for (String option : options) {
            if (childrenOnly) {
                throw new KernelException("cannot start " + program + ": a SIP cannot grant host directories ("
                        + option + ")");
            }
            if (option.startsWith("--dir=")) {
                grants.add(DirectoryGrant.parse(option.substring("--dir=".length()), false));
            } else if (option.startsWith("--dir-rw=")) {
                grants.add(DirectoryGrant.parse(option.substring("--dir-rw=".length()), true));
            } else {
                throw new KernelException("cannot start " + program + ": '" + option
                        + "' is not --dir=HOST:PATH or --dir-rw=HOST:PATH");
            }
        }
        return grants;
    }

    /**
     * The names a {@link ProcessControl.Spawn} offers: the default ({@link Grants#ANY_USER}), and
     * each system service an {@code --opens=NAME} names. A SIP at {@value ProcessControl#CHILDREN}
     * may name them too: its child gets no name its parent's grant does not name.
     */
    private static Grants names(String program, List<String> named) {
        for (String name : named) {
            if (name.endsWith("*") || !name.startsWith("/")) {
                throw new KernelException("cannot start " + program + ": --opens takes a name such as /fs, not '"
                        + name + "': a system service is granted by its name, never by a subtree");
            }
        }
        return named.isEmpty() ? Grants.ANY_USER : Grants.ANY_USER.union(new Grants(List.of(), named));
    }

    /**
     * The directory of the file system a {@link ProcessControl.Spawn} hands the program, seen where
     * its {@code --fs=PATH} or {@code --fs-rw=PATH} says. Any client may hand one on, a SIP at
     * {@value ProcessControl#CHILDREN} too: it is an endpoint the client holds, and it reaches no
     * more than it did in the client's hands.
     */
    private static FsGrant fileSystem(String program, List<String> mounts, Endpoint<Directory> directory) {
        if (directory == null && mounts.isEmpty()) {
            return null;
        }
        if (directory == null || mounts.size() != 1) {
            throw new KernelException("cannot start " + program + ": a working directory on the file system is one "
                    + "Directory endpoint and one --fs=PATH or --fs-rw=PATH saying where it is seen (given "
                    + (directory == null ? "no endpoint" : "an endpoint") + " and " + mounts.size() + " of them)");
        }
        String option = mounts.getFirst();
        boolean writable = option.startsWith("--fs-rw=");
        return new FsGrant(directory, option.substring(option.indexOf('=') + 1), writable);
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
