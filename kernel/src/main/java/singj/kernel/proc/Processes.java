package singj.kernel.proc;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import singj.abi.Endpoint;
import singj.kernel.Grant;
import singj.kernel.KernelException;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.files.FsGrant;
import singj.kernel.host.HostRuntime;
import singj.kernel.dev.Devices;
import singj.kernel.ipc.Contracts;
import singj.kernel.ipc.Ipc;

/**
 * The SIPs of one kernel, from start to release: it starts them, finds them by pid, kills them,
 * and hands them to its {@link Reaper} when they stop. What a SIP needs of the kernel it gets
 * from here: the kernel's IPC, the timer for its deadlines, and the {@link HostRuntime} that
 * kernels of one JVM share. Nothing here is shared with another kernel but that host runtime.
 */
public final class Processes {
    private final HostRuntime host;
    private final Ipc ipc;
    private final Contracts contracts;
    private final Devices devices;
    private final ProcessTable table = new ProcessTable();
    private final Reaper reaper;
    private final ScheduledExecutorService timer;
    /** What each sealed class links to, read once for all the SIPs of its program. */
    private final LinkedNames links = new LinkedNames();

    public Processes(HostRuntime host, Ipc ipc, Contracts contracts, Devices devices) {
        this.host = host;
        this.ipc = ipc;
        this.contracts = contracts;
        this.devices = devices;
        this.reaper = new Reaper(table, host);
        var timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("singj-timer").factory());
        // a cancelled task (a SIP's time limit once it ended, an uncaught exception's print deadline)
        // leaves the queue at once: queued, it would keep its SIP until its time came
        timer.setRemoveOnCancelPolicy(true);
        this.timer = timer;
    }

    HostRuntime host() {
        return host;
    }

    Ipc ipc() {
        return ipc;
    }

    Devices devices() {
        return devices;
    }

    LinkedNames linkedNames() {
        return links;
    }

    Reaper reaper() {
        return reaper;
    }

    /** Runs {@code task} on the kernel's timer thread after {@code delay}. */
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /**
     * Starts a SIP of a sealed program with what the kernel granted it.
     *
     * @param identity who its program is, for the names reserved to it
     * @param parentPid the SIP that starts it through the process manager, or 0
     */
    public Proc spawn(SealedProgram program, SipOptions options, Grant grant, Supplier<String> identity, int parentPid) {
        return spawn(program, options, grant, identity, parentPid, false);
    }

    /**
     * The same; a {@code system} SIP (the default image's shell) runs sealed code like any, but
     * only the whole system stops it ({@code kill} refuses) and the heap guard never picks it.
     */
    public Proc spawn(SealedProgram program, SipOptions options, Grant grant, Supplier<String> identity, int parentPid,
                     boolean system) {
        Proc sip = new Proc(this, table.allocatePid(), program.name(), identity, system, options, grant, parentPid);
        MethodHandle main;
        SipLoader loader;
        try {
            loader = new SipLoader(program, contracts, sip.context(), links);
            main = findMain(loader.loadClass(program.mainClass()));
        } catch (Throwable e) {
            reaper.release(sip); // it never ran: give back what its creation took (its memory account)
            throw e instanceof KernelException known ? known
                    : new KernelException("cannot start " + program.name() + ": "
                            + (e instanceof IllegalStateException ? e.getMessage() : e.toString()), e);
        }
        try {
            sip.receiveStartEndpoints(startEndpoints(program, options, loader, sip));
            if (options.fileSystem() != null) {
                FsGrant fs = options.fileSystem();
                sip.mountFileSystem(ipc.move(fs.directory(), sip.holdings()), fs.mount(), fs.writable());
            }
        } catch (KernelException | IllegalArgumentException e) { // IllegalArgumentException: two grants at one path
            reaper.release(sip);
            throw e instanceof KernelException known ? known
                    : new KernelException("cannot start " + program.name() + ": " + e.getMessage(), e);
        }
        table.add(sip);
        sip.reportRefusals();
        sip.startSealed(loader, main);
        limitTime(sip, options);
        return sip;
    }

    /**
     * Starts a SIP whose program runs in a JVM process of its own (docs/isolation.md): the SIP is
     * the kernel's as any (pid, grant, holdings, quotas, kill), and {@code relay} runs on its main
     * thread as the kernel's side of the child. The program's classes are linked here only for its
     * contracts; none of its code runs in the kernel.
     */
    public Proc spawnIsolated(SealedProgram program, SipOptions options, Grant grant, Supplier<String> identity, int parentPid,
                             IsolatedProgram relay) {
        if (options.fileSystem() != null) {
            throw new KernelException("cannot start " + program.name() + ": a directory of the file system is not yet "
                    + "handed to a SIP in a process of its own");
        }
        Proc sip = new Proc(this, table.allocatePid(), program.name(), identity, false, options, grant, parentPid);
        SipLoader contractsOnly;
        try {
            contractsOnly = new SipLoader(program, contracts, sip.context(), links);
            sip.receiveStartEndpoints(startEndpoints(program, options, contractsOnly, sip));
        } catch (RuntimeException e) {
            reaper.release(sip);
            throw e instanceof KernelException known ? known : new KernelException("cannot start " + program.name() + ": " + e, e);
        }
        table.add(sip);
        sip.reportRefusals();
        sip.startIsolated(self -> relay.run(self, contractsOnly, ipc));
        limitTime(sip, options);
        return sip;
    }

    private void limitTime(Proc sip, SipOptions options) {
        if (options.timeLimit() != null) {
            Duration limit = options.timeLimit();
            ScheduledFuture<?> kill = schedule(
                    () -> sip.kill(KillCause.TIME_LIMIT, "time limit of " + format(limit) + " exceeded"), limit);
            sip.exitStatus().whenComplete((_, _) -> kill.cancel(false)); // a SIP that ended sooner leaves the timer
        }
    }

    /** Checks the endpoints given in {@code options} against the manifest, and moves them to {@code sip}. */
    private Map<String, Endpoint<?>> startEndpoints(SealedProgram program, SipOptions options, SipLoader loader, Proc sip) {
        Map<String, String> declared = program.manifest().endpoints();
        for (String name : options.endpoints().keySet()) {
            if (!declared.containsKey(name)) {
                throw new KernelException(program.name() + " declares no start endpoint '" + name + "' (SingJ-Endpoints: "
                        + (declared.isEmpty() ? "none" : String.join(" ", declared.keySet())) + ")");
            }
        }
        Map<String, Endpoint<?>> moved = new HashMap<>();
        for (var entry : declared.entrySet()) {
            Endpoint<?> given = options.endpoints().get(entry.getKey());
            if (given == null) {
                throw new KernelException(program.name() + " needs an endpoint '" + entry.getKey() + "' of "
                        + entry.getValue() + " at start; none was given");
            }
            if (!given.contract().equals(entry.getValue())) {
                throw new KernelException(program.name() + "'s start endpoint '" + entry.getKey() + "' must be of "
                        + entry.getValue() + ", not " + given.contract());
            }
            Class<?> programs;
            try {
                programs = loader.loadClass(entry.getValue());
            } catch (ClassNotFoundException e) {
                throw new KernelException(program.name() + " lacks its contract " + entry.getValue(), e);
            }
            if (programs != ipc.contractOf(given)) {
                throw new KernelException(program.name() + "'s " + entry.getValue() + " is not the class the endpoint "
                        + "speaks: an embedding application shares its contract with kernel.shareContract first");
            }
        }
        options.endpoints().forEach((name, given) -> moved.put(name, ipc.move(given, sip.holdings())));
        return moved;
    }

    /** Starts a system SIP: trusted code that is part of the kernel's image (console, shell). */
    public Proc spawnSystem(String name, SystemProgram body, SipOptions options, Grant grant, Supplier<String> identity) {
        Proc sip = new Proc(this, table.allocatePid(), name, identity, true, options, grant, 0);
        table.add(sip);
        sip.startSystem(body);
        return sip;
    }

    /** Kills the SIP {@code pid}; returns false if there is no such SIP. */
    public boolean kill(int pid, KillCause cause, String detail) {
        return table.get(pid).map(sip -> sip.kill(cause, detail)).orElse(false);
    }

    public Optional<Proc> get(int pid) {
        return table.get(pid);
    }

    public List<ProcessInfo> list() {
        return table.all().stream().map(Proc::info).toList();
    }

    /**
     * Kills every SIP and waits up to {@link Reaper#STOP_DEADLINE} for each to end; a stuck one is
     * no longer waited for.
     */
    public void killAll(KillCause cause, String detail) {
        reaper.shutDown();
        List<Proc> sips = new ArrayList<>(table.all());
        for (Proc sip : sips) {
            sip.kill(cause, detail);
        }
        for (Proc sip : sips) {
            try {
                sip.awaitExit(Reaper.STOP_DEADLINE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
    }

    /** After {@link #killAll}: stops the timer and lets the reaper's threads end. */
    public void close() {
        timer.shutdownNow();
        reaper.close();
    }

    private static MethodHandle findMain(Class<?> mainClass) throws IllegalAccessException {
        MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(mainClass, MethodHandles.lookup());
        try {
            return lookup.findStatic(mainClass, "main", MethodType.methodType(void.class, String[].class));
        } catch (NoSuchMethodException noArgsMain) {
            try {
                MethodHandle main = lookup.findStatic(mainClass, "main", MethodType.methodType(void.class));
                return MethodHandles.dropArguments(main, 0, String[].class);
            } catch (NoSuchMethodException none) {
                throw new KernelException(mainClass.getName() + " has no static main method");
            }
        }
    }

    static String format(Duration duration) {
        if (duration.toMillis() % 1000 == 0) {
            return duration.toSeconds() + "s";
        }
        return duration.toMillis() + "ms";
    }
}
