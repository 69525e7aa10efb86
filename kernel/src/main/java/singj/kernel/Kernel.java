package singj.kernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import singj.abi.Endpoint;
import singj.abi.TerminalInput;
import singj.kernel.ipc.Contracts;
import singj.kernel.ipc.Grants;
import singj.kernel.ipc.Holdings;
import singj.kernel.ipc.Ipc;

/**
 * The SingJ microkernel: the process table, SIP creation from sealed programs, and kill with
 * complete cleanup. One JVM can host several kernels (tests do); they share nothing.
 */
public final class Kernel implements AutoCloseable {
    /** How long stopping a SIP's threads may take before the kernel reports them stuck. */
    static final Duration STOP_DEADLINE = Duration.ofSeconds(5);
    /** How often the kernel tries again to stop a SIP whose thread did not stop by {@link #STOP_DEADLINE}. */
    private static final Duration STUCK_RETRY = Duration.ofSeconds(1);

    static {
        Thread.ofPlatform().daemon().name("singj-collections").start(CollectionWatch::watchForever);
    }

    private final ProgramStore programs;
    private final KernelConfig config;
    private final ProcessTable table = new ProcessTable();
    private final Ipc ipc;
    private final Contracts contracts = new Contracts();
    private final ScheduledExecutorService timer;
    private final ExecutorService reapers = Executors.newCachedThreadPool(
            Thread.ofPlatform().daemon().name("singj-reaper-", 0).factory());
    private final Duration bootTime;
    private final ProcessManager processManager;
    private final Holdings host;
    private volatile boolean shutDown;

    private Kernel(ProgramStore programs, KernelConfig config) {
        long start = System.nanoTime();
        this.programs = programs;
        this.config = config;
        this.ipc = new Ipc(config.exchangeHeapBytes());
        var timer = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("singj-timer").factory());
        // a cancelled task (a SIP's time limit once it ended, an uncaught exception's print deadline)
        // leaves the queue at once: queued, it would keep its SIP until its time came
        timer.setRemoveOnCancelPolicy(true);
        this.timer = timer;
        this.processManager = new ProcessManager(this);
        this.host = new Holdings(0, "host", Grants.ALL, config.defaultExchangeQuota(), () -> shutDown,
                () -> new Error("the kernel is shutting down"));
        this.bootTime = Duration.ofNanos(System.nanoTime() - start);
        HeapGuard.watch(this);
    }

    public static Kernel boot(ProgramStore programs, KernelConfig config) {
        return new Kernel(programs, config);
    }

    /**
     * How many times, in this JVM, the kernel asked SIPs to yield their carrier threads because
     * computing SIPs held every one of {@link #carrierLimit()} (see the README on carrier threads).
     */
    public static long preemptions() {
        return CarrierWatch.preemptions();
    }

    /** The most carrier threads the kernel gives virtual threads when computing SIPs take them all. */
    public static int carrierLimit() {
        return CarrierWatch.MAX_CARRIERS;
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

    /**
     * Lets the embedding application speak {@code contract} with SIPs: a program that brings the
     * same class files (the interface and its messages) gets these very classes.
     */
    public void shareContract(Class<?> contract) {
        contracts.share(contract);
    }

    /** Starts a SIP of the installed program {@code name}. */
    public Sip spawn(String name, SipOptions options) {
        return spawn(programs.load(name), options);
    }

    /** Starts a SIP of a sealed program, granting it what it asks within what {@code options} offers. */
    public Sip spawn(SealedProgram program, SipOptions options) {
        return spawn(program, options, null);
    }

    /**
     * The same, for a SIP that {@code parent} starts: it gets no more than the parent holds (a
     * system SIP's parent holds everything).
     */
    Sip spawn(SealedProgram program, SipOptions options, Sip parent) {
        checkRunning();
        Endpoint<?> input = options.stdio().terminalInput();
        if (input != null && ipc.contractOf(input) != TerminalInput.class) {
            throw new KernelException("standard input must come over a channel of " + TerminalInput.class.getName()
                    + ", not of " + input.contract());
        }
        Grant grant = Grant.decide(program, options, parent == null || parent.isSystem() ? null : parent.grant(), config);
        Sip sip = new Sip(this, table.allocatePid(), program.name(), new ProgramIdentity(program), false, options, grant,
                parent == null ? 0 : parent.pid());
        MethodHandle main;
        SipLoader loader;
        try {
            loader = new SipLoader(program, contracts, sip.context());
            main = findMain(loader.loadClass(program.mainClass()));
        } catch (Throwable e) {
            sip.release(); // it never ran: give back what its creation took (its memory account)
            throw e instanceof KernelException known ? known
                    : new KernelException("cannot start " + program.name() + ": "
                            + (e instanceof IllegalStateException ? e.getMessage() : e.toString()), e);
        }
        try {
            sip.receiveStartEndpoints(startEndpoints(program, options, loader, sip));
        } catch (KernelException e) {
            sip.release();
            throw e;
        }
        table.add(sip);
        sip.reportRefusals();
        sip.startSealed(loader, main);
        if (options.timeLimit() != null) {
            Duration limit = options.timeLimit();
            ScheduledFuture<?> kill = timer.schedule(
                    () -> sip.kill(KillCause.TIME_LIMIT, "time limit of " + format(limit) + " exceeded"),
                    limit.toNanos(), TimeUnit.NANOSECONDS);
            sip.exitStatus().whenComplete((_, _) -> kill.cancel(false)); // a SIP that ended sooner leaves the timer
        }
        return sip;
    }

    /** Checks the endpoints given in {@code options} against the manifest, and moves them to {@code sip}. */
    private Map<String, Endpoint<?>> startEndpoints(SealedProgram program, SipOptions options, SipLoader loader, Sip sip) {
        Map<String, String> declared = program.manifest().endpoints();
        for (String name : options.endpoints().keySet()) {
            if (!declared.containsKey(name)) {
                throw new KernelException(program.name() + " declares no start endpoint '" + name + "' (SingJ-Endpoints: "
                        + (declared.isEmpty() ? "none" : String.join(" ", declared.keySet())) + ")");
            }
        }
        Map<String, Endpoint<?>> moved = new java.util.HashMap<>();
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
    public Sip spawnSystem(String name, SystemProgram body, SipOptions options) {
        checkRunning();
        Sip sip = new Sip(this, table.allocatePid(), name, ProgramIdentity.system(name), true, options,
                Grant.system(config), 0);
        table.add(sip);
        sip.startSystem(body);
        return sip;
    }

    /** Runs {@code task} on the kernel's timer thread after {@code delay}. */
    ScheduledFuture<?> schedule(Runnable task, Duration delay) {
        return timer.schedule(task, delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    /** Kills the SIP {@code pid}; returns false if there is no such SIP. */
    public boolean kill(int pid, KillCause cause, String detail) {
        return table.get(pid).map(sip -> sip.kill(cause, detail)).orElse(false);
    }

    public Optional<Sip> process(int pid) {
        return table.get(pid);
    }

    List<Sip> sips() {
        return List.copyOf(table.all());
    }

    public List<ProcessInfo> processes() {
        return table.all().stream().map(Sip::info).toList();
    }

    /** Stops every SIP, then the kernel. */
    @Override
    public void close() {
        if (shutDown) {
            return;
        }
        shutDown = true;
        List<Sip> sips = new ArrayList<>(table.all());
        for (Sip sip : sips) {
            sip.kill(KillCause.SHUTDOWN, "the kernel is shutting down");
        }
        for (Sip sip : sips) {
            try {
                sip.awaitExit(STOP_DEADLINE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        processManager.close();
        host.release("the kernel shut down");
        timer.shutdownNow();
        reapers.shutdown();
        HeapGuard.forget(this);
        ipc.close();
    }

    /**
     * Called once per SIP when it ends: stops its threads on a kernel thread, then frees it. A
     * SIP whose main thread ends it after {@code main} returned, with no other thread left, is
     * freed on that thread at once: handing it to a reaper cost ~30 µs of a ~180 µs spawn-to-reap
     * of {@code exit0} (a wake-up of a parked thread), and the reaper would only wait for that
     * thread to end.
     */
    void reap(Sip sip, boolean byFinishedMain) {
        if (byFinishedMain && sip.onlyCallerLeft()) {
            table.remove(sip);
            sip.release();
            return;
        }
        // platform threads: SIPs' virtual threads could keep a virtual reaper from ever running;
        // pooled, since a thread start is a good part of a short SIP's life
        reapers.execute(() -> {
            try {
                if (!sip.stopThreads(STOP_DEADLINE)) {
                    // Its names, channels and blocks go back now; its class loader and memory stay
                    // until its last thread ends, and so does its entry, so that ps shows it.
                    String why = sip.holdUp() != null ? sip.holdUp() : "woken, it has not unwound yet";
                    System.err.println("singj: kernel: " + sip + " still has a thread after " + format(STOP_DEADLINE)
                            + " (" + why + "); it stays listed as STOPPING until its threads end");
                    sip.releaseHoldings();
                    while (!shutDown && !sip.stopThreads(STUCK_RETRY)) {
                        Thread.sleep(STUCK_RETRY);
                    }
                }
                table.remove(sip);
                sip.release();
            } catch (InterruptedException shutDown) {
                // the kernel is closing: the JVM's exit ends what is left
            } catch (RuntimeException | Error e) {
                System.err.println("singj: kernel: stopping " + sip + " failed: " + e);
                sip.releaseHoldings();
            }
        });
    }

    private void checkRunning() {
        if (shutDown) {
            throw new KernelException("the kernel has shut down");
        }
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
