package singj.kernel;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.Side;
import singj.abi.TerminalInput;
import singj.kernel.dev.Devices;
import singj.kernel.dev.DiskImage;
import singj.kernel.files.FsGrant;
import singj.kernel.host.HostRuntime;
import singj.kernel.isolate.ChildCommand;
import singj.kernel.isolate.ProcessSip;
import singj.kernel.ipc.Contracts;
import singj.kernel.ipc.Grants;
import singj.kernel.ipc.Holdings;
import singj.kernel.ipc.Ipc;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.ProcessInfo;
import singj.kernel.proc.Processes;
import singj.kernel.proc.Proc;
import singj.kernel.proc.SystemProgram;

/**
 * The SingJ microkernel: boot, the IPC, what programs are granted, and its {@link Processes}
 * (the SIPs' lives). One JVM can host several kernels (tests and embedding hosts do); they share
 * only the {@link HostRuntime} they are booted with, and none reaches another's SIPs.
 */
public final class Kernel implements AutoCloseable {
    private final ProgramStore programs;
    private final KernelConfig config;
    private final HostRuntime hostRuntime;
    private final Ipc ipc;
    private final Contracts contracts = new Contracts();
    private final Devices devices;
    private final Processes processes;
    private final Duration bootTime;
    private final ProcessManager processManager;
    private final StatusServer statusServer;
    private final Holdings host;
    private volatile boolean shutDown;
    private volatile IsolationPolicy isolationPolicy = IsolationPolicy.OPEN;

    private Kernel(ProgramStore programs, KernelConfig config, HostRuntime hostRuntime) {
        long start = System.nanoTime();
        this.programs = programs;
        this.config = config;
        this.hostRuntime = hostRuntime;
        this.ipc = new Ipc(config.exchangeHeapBytes());
        this.devices = new Devices(ipc.heap());
        this.processes = new Processes(hostRuntime, ipc, contracts, devices);
        this.processManager = new ProcessManager(this);
        this.statusServer = new StatusServer(this);
        this.host = new Holdings(0, "host", Grants.ALL, config.defaultExchangeQuota(), () -> shutDown,
                () -> new Error("the kernel is shutting down"));
        this.bootTime = Duration.ofNanos(System.nanoTime() - start);
    }

    /** Boots a kernel on the JVM's own host runtime ({@link HostRuntime#ofThisJvm}). */
    public static Kernel boot(ProgramStore programs, KernelConfig config) {
        return boot(programs, config, HostRuntime.ofThisJvm());
    }

    /** Boots a kernel that shares {@code host} (the JVM's carriers, heap guard, memory accounts) with other kernels. */
    public static Kernel boot(ProgramStore programs, KernelConfig config, HostRuntime host) {
        return new Kernel(programs, config, host);
    }

    /** What this kernel shares with the other kernels of its JVM. */
    public HostRuntime hostRuntime() {
        return hostRuntime;
    }

    public ProgramStore programs() {
        return programs;
    }

    public KernelConfig config() {
        return config;
    }

    public Duration bootTime() {
        return bootTime;
    }

    /** The exchange heap, the channels and the nameserver. */
    public Ipc ipc() {
        return ipc;
    }

    /**
     * What the application embedding this kernel holds of its IPC: create channels with it
     * ({@code ipc().newChannel(contract, host())}), keep one end and give the other to a SIP at
     * start ({@link SipOptions#withEndpoint}).
     */
    public Holdings host() {
        return host;
    }

    /** The devices attached to this kernel and who holds them. */
    public Devices devices() {
        return devices;
    }

    /**
     * Attaches {@code disk} as device {@code name} (the system's policy, at boot): only SIPs of
     * {@code driver}, this very program (its name and sealed code), are granted it, one at a time.
     */
    public void attachDevice(String name, DiskImage disk, SealedProgram driver) {
        devices.attach(name, disk, new ProgramIdentity(driver).get());
    }

    /**
     * Lets the embedding application speak {@code contract} with SIPs: a program that brings the
     * same class files (the interface and its messages) gets these very classes.
     */
    public void shareContract(Class<?> contract) {
        contracts.share(contract);
    }

    /**
     * Sets which programs may run in the kernel's JVM (the system's policy, at boot; docs/isolation.md,
     * "Isolation by policy"). Until then every program may ({@link IsolationPolicy#OPEN}).
     */
    public void setIsolationPolicy(IsolationPolicy policy) {
        isolationPolicy = java.util.Objects.requireNonNull(policy);
    }

    /** Starts a SIP of the installed program {@code name}. */
    public Proc spawn(String name, SipOptions options) {
        return spawn(programs.load(name), options);
    }

    /**
     * Starts a SIP of a sealed program, granting it what it asks within what {@code options} offers:
     * in the kernel's JVM, or in a process of its own ({@link #spawnIsolated}) when its manifest asks
     * for one or the isolation policy requires it.
     *
     * @throws KernelException if its manifest asks for the kernel's JVM where the policy does not allow it
     */
    public Proc spawn(SealedProgram program, SipOptions options) {
        return spawn(program, options, null);
    }

    /**
     * The same, for a SIP that {@code parent} starts: it gets no more than the parent holds (a
     * system SIP's parent holds everything).
     */
    Proc spawn(SealedProgram program, SipOptions options, Proc parent) {
        return spawn(program, options, parent, false);
    }

    /** The same, in a process of its own if {@code ownProcess} (the starter asks for one: {@code run -p}). */
    Proc spawn(SealedProgram program, SipOptions options, Proc parent, boolean ownProcess) {
        checkRunning();
        if (isolationPolicy.ownProcess(program, ownProcess)) {
            if (parent != null && !parent.isSystem()) {
                throw new KernelException("program " + program.name() + " runs only in a process of its own (its manifest "
                        + "or the system's isolation policy), which a SIP cannot start yet (docs/isolation.md)");
            }
            return spawnIsolated(program, options);
        }
        Endpoint<?> input = options.stdio().terminalInput();
        if (input != null && ipc.contractOf(input) != TerminalInput.class) {
            throw new KernelException("standard input must come over a channel of " + TerminalInput.class.getName()
                    + ", not of " + input.contract());
        }
        FsGrant fs = options.fileSystem();
        if (fs != null && (ipc.contractOf(fs.directory()) != Directory.class || fs.directory().side() != Side.CLIENT)) {
            throw new KernelException("a working directory must be the client end of a channel of "
                    + Directory.class.getName() + ", not the " + fs.directory().side().toString().toLowerCase(Locale.ROOT)
                    + " end of one of " + fs.directory().contract());
        }
        ProgramIdentity identity = new ProgramIdentity(program);
        Grant grant = Grant.decide(program, identity, options, parent == null || parent.isSystem() ? null : parent.grant(),
                config, devices);
        return processes.spawn(program, options, grant, identity, parent == null ? 0 : parent.pid());
    }

    /**
     * Starts a SIP of a sealed program in a JVM process of its own (docs/isolation.md), granted
     * what {@link #spawn} would grant it: the same program, the same ABI, and to every other SIP
     * an ordinary SIP.
     */
    public Proc spawnIsolated(SealedProgram program, SipOptions options) {
        return spawnIsolated(program, options, ChildCommand.sameJvm());
    }

    /** The same, starting the child with {@code command}. */
    public Proc spawnIsolated(SealedProgram program, SipOptions options, ChildCommand command) {
        checkRunning();
        if (!options.directories().isEmpty()) {
            throw new KernelException("cannot start " + program.name() + " in a process of its own: host directories "
                    + "(--dir, --dir-rw) are not granted to a process SIP yet (docs/isolation.md)");
        }
        ProgramIdentity identity = new ProgramIdentity(program);
        Grant grant = Grant.decide(program, identity, options, null, config, devices);
        return processes.spawnIsolated(program, options, grant, identity, 0,
                new ProcessSip(program, command, hostRuntime.exitFiles()));
    }

    /** Starts a system SIP: trusted code that is part of the kernel's image (console, shell). */
    public Proc spawnSystem(String name, SystemProgram body, SipOptions options) {
        checkRunning();
        return processes.spawnSystem(name, body, options, Grant.system(config), ProgramIdentity.system(name));
    }

    /**
     * Starts a SIP of a sealed program as a system SIP: the embedding host's policy (the default
     * image's shell, and no program a person installed) trusts it with the system's names it asks
     * for in its manifest, within {@code names}, and with a system SIP's quotas. Only the whole
     * system stops it; its code is sealed and reaches the kernel only through its endpoints.
     */
    public Proc spawnSystem(SealedProgram program, SipOptions options, Grants names) {
        checkRunning();
        ProgramIdentity identity = new ProgramIdentity(program);
        return processes.spawn(program, options, Grant.systemProgram(program, names, config), identity, 0, true);
    }

    /**
     * Starts a SIP of a sealed program as a service of the system (the default image's file
     * system): granted as {@link #spawnSystem(SealedProgram, SipOptions, Grants)} grants, so the
     * names it registers are system services that a user program opens only by name
     * ({@link Grants}), but an ordinary SIP otherwise: {@code kill} stops it, and the system runs on
     * without it.
     */
    public Proc spawnService(SealedProgram program, SipOptions options, Grants names) {
        checkRunning();
        ProgramIdentity identity = new ProgramIdentity(program);
        return processes.spawn(program, options, Grant.systemProgram(program, names, config), identity, 0, false);
    }

    /** Kills the SIP {@code pid}; returns false if there is no such SIP. */
    public boolean kill(int pid, KillCause cause, String detail) {
        return processes.kill(pid, cause, detail);
    }

    public Optional<Proc> process(int pid) {
        return processes.get(pid);
    }

    public List<ProcessInfo> processes() {
        return processes.list();
    }

    /** Stops every SIP, then the kernel. */
    @Override
    public void close() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        processes.killAll(KillCause.SHUTDOWN, "the kernel is shutting down");
        devices.close();
        processManager.close();
        statusServer.close();
        host.release("the kernel shut down");
        processes.close();
        ipc.close();
    }

    private void checkRunning() {
        if (shutDown) {
            throw new KernelException("the kernel has shut down");
        }
    }
}
