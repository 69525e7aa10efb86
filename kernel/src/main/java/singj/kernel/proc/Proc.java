package singj.kernel.proc;

import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import singj.abi.runtime.SipContext;
import singj.abi.Block;
import singj.abi.Channel;
import singj.abi.Directory;
import singj.abi.Endpoint;
import singj.abi.NameServiceException;
import singj.abi.Service;
import singj.abi.Terminal;
import singj.abi.TerminalInput;
import singj.abi.WaitEvent;
import singj.kernel.Grant;
import singj.kernel.KernelException;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.host.CarrierWatch;
import singj.kernel.host.MemoryAccount;
import singj.kernel.ipc.ContractException;
import singj.kernel.files.GrantedDirectories;
import singj.kernel.ipc.Holdings;
import singj.kernel.ipc.Ipc;
import singj.kernel.sched.SpinParkEvent;
import singj.abi.runtime.SipKilled;
import singj.abi.runtime.files.FsDirectoryFiles;
import singj.abi.runtime.files.MountedFiles;
import singj.abi.runtime.files.SipFiles;

/**
 * One software-isolated process: its threads, its standard streams, its memory account and its
 * exit status. A SIP ends exactly once ({@link #terminate}): by returning from {@code main},
 * by {@code System.exit}, or by a kill. Either way the {@link Reaper} then stops every thread it
 * has left and releases what it held, so that nothing of it remains but the exit status. Where it
 * is in that life is its {@link Lifecycle}.
 *
 * <p>It reaches the kernel only through its {@link Processes}: the kernel's IPC and the host
 * runtime it shares with other kernels.
 */
public final class Proc {
    private static final List<String> VISIBLE_PROPERTIES = List.of(
            "java.version", "java.vendor", "java.specification.version", "java.class.version",
            "java.vm.name", "java.vm.version", "os.name", "os.arch", "os.version", "line.separator",
            "file.separator", "path.separator", "file.encoding", "native.encoding", "stdout.encoding",
            "stderr.encoding", "user.language", "user.country");

    /** How long a waiter for a SIP's exit yields in a loop before it parks. */
    private static final long EXIT_SPIN_NANOS = 50_000;

    private final Processes processes;
    private final int pid;
    private final String program;
    private final boolean system;
    private final List<String> args;
    private final long startNanos = System.nanoTime();
    private final SipThreads threads;
    private final Grant grant;
    /** The SIP that started it through the process manager, or 0. */
    private final int parentPid;
    private final MemoryAccount memory;
    private final SipInput in;
    private final LazyPrintStream out;
    private final LazyPrintStream err;
    private Properties properties; // guarded by lifecycle; made on first use
    private final Map<String, String> environment;
    private final Context context = new Context();
    /** Its own common pool and delay scheduler, made on first use. */
    private final SipAsync async = new SipAsync(new SipAsync.Owner() {
        @Override
        public void adopt(Thread thread) {
            context.adopt(thread);
        }

        @Override
        public <E extends ExecutorService> E adopt(E executor) {
            return context.adopt(executor);
        }

        @Override
        public boolean stopping() {
            return context.stopping();
        }
    });
    private final Holdings holdings;
    /** The host directories it was granted; closed (with every file it holds open) as it stops. */
    private final GrantedDirectories hostFiles;
    /** Its file namespace: the host grants, and a directory of the file system SIP if one was handed it. */
    private volatile SipFiles files;
    private volatile Map<String, Endpoint<?>> startEndpoints = Map.of();
    private final AtomicInteger threadPools = new AtomicInteger();
    private final AtomicInteger threadNumbers = new AtomicInteger();
    private final CompletableFuture<ExitStatus> exit = new CompletableFuture<>();
    /** How the carrier watch asks it to yield its carriers, from its first thread's start until its release. */
    private final CarrierWatch.Preemptible preemptible = this::preemptIfRunnable;

    /** Guards the transitions of {@link #state}, and {@link #unwind} and {@link #properties}. */
    private final Object lifecycle = new Object();
    /** Read on every check of whether the SIP is stopping: one volatile read and a type test. */
    private volatile Lifecycle state = new Lifecycle.Running();
    private SipKilled unwind;
    private volatile Thread mainThread;
    private volatile SipLoader loader;

    /** @param identity who its program is, for the names reserved to it (the kernel's {@code ProgramIdentity}) */
    Proc(Processes processes, int pid, String program, java.util.function.Supplier<String> identity, boolean system,
        SipOptions options, Grant grant, int parentPid) {
        this.processes = processes;
        this.pid = pid;
        this.program = program;
        this.system = system;
        this.args = options.args();
        this.grant = grant;
        this.parentPid = parentPid;
        this.hostFiles = GrantedDirectories.open(options.directories()); // first: it may refuse a grant, before anything is held
        this.files = hostFiles;
        this.memory = processes.host().openAccount(grant.memoryQuota(), new MemoryAccount.Holder() {
            @Override
            public boolean killForMemory(String detail) {
                return kill(KillCause.MEMORY_QUOTA, detail);
            }

            @Override
            public boolean expendable() {
                return !system && state instanceof Lifecycle.Running;
            }

            @Override
            public ClassLoader loader() {
                return loader;
            }

            @Override
            public String toString() {
                return Proc.this.toString();
            }

            @Override
            public Thread[] threads() {
                return threads == null ? new Thread[0] : threads.alive().toArray(Thread[]::new);
            }
        });
        this.threads = new SipThreads(grant.quotas().threads(), "pid " + pid + " (" + program + ")", memory);
        this.holdings = new Holdings(pid, program, identity, grant.names(), grant.quotas(), context::stopping, context::killed);
        holdings.chargeKernelObjectsTo(new Holdings.KernelCharges() {
            @Override
            public void charge(long bytes) {
                memory.chargeKernel(bytes);
            }

            @Override
            public void discharge(long bytes) {
                memory.dischargeKernel(bytes);
            }

            @Override
            public long quota() {
                return memory.quota();
            }

            @Override
            public void received(Object object, long bytes) {
                memory.received(object, bytes);
            }
        });
        OutputStream stdout = options.stdio().out();
        OutputStream stderr = options.stdio().err();
        if (options.stdio().toConsole()) {
            Endpoint<Terminal> terminal;
            try {
                terminal = processes.ipc().names().openForKernel(Terminal.NAME, Terminal.class, holdings);
            } catch (NameServiceException noConsole) {
                throw new KernelException("cannot connect " + program + " to the console: " + noConsole.getMessage(), noConsole);
            }
            stdout = new TerminalOutput(terminal, false);
            stderr = new TerminalOutput(terminal, true);
        }
        this.in = new SipInput(standardInput(processes.ipc(), options.stdio()), "sip-" + pid + "-stdin");
        this.out = new LazyPrintStream(new SipOutput(stdout), "stdout.encoding");
        this.err = new LazyPrintStream(new SipOutput(stderr), "stderr.encoding");
        this.environment = options.environment();
    }

    /** The SIP's system properties, copied from the host's on first use (most SIPs never ask). */
    private Properties properties() {
        synchronized (lifecycle) {
            if (properties == null) {
                Properties copy = new Properties();
                for (String key : VISIBLE_PROPERTIES) {
                    String value = System.getProperty(key);
                    if (value != null) {
                        copy.setProperty(key, value);
                    }
                }
                copy.setProperty("singj.pid", Integer.toString(pid));
                copy.setProperty("singj.program", program);
                properties = copy;
            }
            return properties;
        }
    }

    /** The host stream, or the console's channel, which becomes the SIP's own (last: nothing after it can fail). */
    @SuppressWarnings("unchecked") // Stdio's type says what the endpoint speaks
    private InputStream standardInput(Ipc ipc, Stdio stdio) {
        if (stdio.terminalInput() == null) {
            return stdio.in();
        }
        return new TerminalInputStream((Endpoint<TerminalInput>) ipc.move(stdio.terminalInput(), holdings));
    }

    // ---- what the kernel and its users see -----------------------------------------------

    public int pid() {
        return pid;
    }

    public String program() {
        return program;
    }

    public boolean isSystem() {
        return system;
    }

    public List<String> args() {
        return args;
    }

    /** What {@code ps} shows of its {@link #lifecycle}. */
    public SipState state() {
        return state.summary();
    }

    /** Where it is in its life, with its exit status once it has one. */
    public Lifecycle lifecycle() {
        return state;
    }

    public InputStream in() {
        return in;
    }

    public PrintStream out() {
        return out.get();
    }

    public PrintStream err() {
        return err.get();
    }

    /** Estimated bytes of live heap the SIP holds (see {@link MemoryAccount}). */
    public long memoryEstimate() {
        return memory.liveEstimate();
    }

    public long memoryQuota() {
        return memory.quota();
    }

    public int threadCount() {
        return threads.countAlive();
    }

    /** Whether {@code thread} is one of the SIP's threads (its main thread, or one it created or was given). */
    public boolean owns(Thread thread) {
        return threads.contains(thread);
    }

    public Duration uptime() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    /** What it was granted at start. */
    public Grant grant() {
        return grant;
    }

    /** The SIP that started it through the process manager, or 0 (the shell, the host, the kernel). */
    public int parentPid() {
        return parentPid;
    }

    public ProcessInfo info() {
        String holdUp = holdUp();
        return new ProcessInfo(pid, program, state(), threadCount(), memoryEstimate(), uptime(), system,
                holdings.endCount(), holdings.nameCount(), holdings.pendingAccepts(), grant, parentPid,
                holdUp == null ? "" : holdUp);
    }

    /**
     * Tells whoever reads its standard error what it asked for and was not granted, before its
     * code runs: the program then starts with what it was granted, and a call that needs more
     * fails with the same reason.
     */
    void reportRefusals() {
        for (String refusal : grant.refusals()) {
            err.get().println("singj: " + holdings.describe() + " " + refusal);
        }
        if (!grant.refusals().isEmpty()) {
            err.get().flush();
        }
    }

    /** Completes with the exit status once nothing of the SIP is left. */
    public CompletableFuture<ExitStatus> exitStatus() {
        return exit.copy();
    }

    /** Waits for the SIP to end and be cleaned up. */
    public ExitStatus awaitExit() throws InterruptedException {
        spinForExit(System.nanoTime() + EXIT_SPIN_NANOS);
        try {
            return exit.get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Waits at most {@code timeout}; returns null if the SIP is still there. */
    public ExitStatus awaitExit(Duration timeout) throws InterruptedException {
        long now = System.nanoTime();
        spinForExit(now + Math.min(timeout.toNanos(), EXIT_SPIN_NANOS));
        try {
            return exit.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /**
     * Yields in a loop until the SIP has ended or {@code deadline} ({@link System#nanoTime})
     * passes: a short-lived SIP ends within tens of microseconds of its start (exit0: ~35 µs from
     * spawn's return), and a waiter that parks at once pays a wake-up (~15-20 µs here, measured in
     * the phases of a spawn of exit0) on top of it. It yields rather than spins because the SIP's
     * new thread often wakes on the waiter's own CPU: with a plain spin of 20 µs, exit0's main
     * started ~26 µs after spawn returned instead of ~9, and the spin ran out. process-create in
     * JMH, the same minutes: 450-500 µs with a 20 µs spin, 390-410 with a 20 µs yield loop, ~335
     * with 50 µs.
     */
    private void spinForExit(long deadline) {
        while (!exit.isDone() && System.nanoTime() - deadline < 0) {
            Thread.yield();
        }
    }

    /**
     * A static method of one of the SIP's own classes, for embedding applications and benchmarks
     * that call into a running SIP from their own thread. The call runs the SIP's sealed code
     * (with its kill checks) on the caller's thread, which is charged for what it allocates only
     * under {@link #chargeCallingThread}; once the SIP has ended
     * such a call fails at its first kill check.
     */
    public MethodHandle staticEntry(String className, String methodName, MethodType type) {
        ClassLoader sipLoader = loader;
        if (sipLoader == null) {
            throw new KernelException(this + " has no classes" + (system ? " (a system SIP)" : " (it has ended)"));
        }
        try {
            Class<?> owner = sipLoader.loadClass(className);
            return MethodHandles.privateLookupIn(owner, MethodHandles.lookup()).findStatic(owner, methodName, type);
        } catch (ReflectiveOperationException e) {
            throw new KernelException(this + ": no static method " + className + "." + methodName + type, e);
        }
    }

    /**
     * Charges what the calling thread allocates to this SIP's memory account until the returned
     * charge is closed: for a thread of an embedding application or a benchmark that runs the
     * SIP's code through {@link #staticEntry}, as the SIP's own threads are charged.
     */
    public MemoryAccount.Charge chargeCallingThread() {
        return memory.chargeCallingThread();
    }

    /** The SIP's class loader, weakly: tests use it to check that nothing keeps a dead SIP's classes alive. */
    public WeakReference<ClassLoader> classLoaderReference() {
        return new WeakReference<>(loader);
    }

    /** Kills the SIP. Returns false if it had already ended. */
    public boolean kill(KillCause cause, String detail) {
        return terminate(ExitStatus.killed(cause, detail));
    }

    // ---- starting ------------------------------------------------------------------------

    /**
     * The SIP's view of the kernel, as its code calls it: for the kernel's own code that acts for
     * the SIP (the relay of a process SIP makes its child's calls through it, docs/isolation.md).
     */
    public SipContext context() {
        return context;
    }

    void startSealed(SipLoader sipLoader, MethodHandle main) {
        this.loader = sipLoader;
        String[] mainArgs = args.toArray(String[]::new);
        // A virtual thread, as every SIP thread is: an idle SIP then costs no OS thread (10,000 of
        // them as platform threads took 95 s to start), and starting one costs microseconds. The
        // JVM does not time-slice virtual threads; CarrierWatch keeps computing SIPs from holding
        // every carrier (FairnessTest). Virtual threads are daemons, so an embedding
        // application's JVM can exit while SIPs run.
        start(processes.host().sipThreads().threads().name("main").uncaughtExceptionHandler(this::uncaught)
                .unstarted(() -> runMain(main, mainArgs)));
    }

    /** Starts the kernel's side of a process SIP on its main thread, a virtual thread as any SIP's. */
    void startIsolated(SystemProgram relay) {
        start(processes.host().sipThreads().threads().name("main").uncaughtExceptionHandler(this::uncaught)
                .unstarted(() -> runSystem(relay)));
    }

    void startSystem(SystemProgram body) {
        start(Thread.ofPlatform().name(program).daemon().unstarted(() -> runSystem(body)));
    }

    private void start(Thread main) {
        if (main.isVirtual()) {
            processes.host().carriers().watch(preemptible);
        }
        mainThread = main;
        threads.add(main);
        main.start();
    }

    private void runMain(MethodHandle main, String[] mainArgs) {
        int code = 0;
        try {
            main.invokeExact(mainArgs);
        } catch (SipKilled unwinding) {
            return; // terminate() is already under way
        } catch (OutOfMemoryError outOfMemory) {
            terminate(outOfHeap());
            return;
        } catch (Throwable uncaught) {
            if (stopping()) {
                return; // the SIP is ending (a kill, or exit from another thread): main only unwinds
            }
            printUncaught(Thread.currentThread(), uncaught);
            code = 1;
        }
        try {
            threads.awaitNonDaemon(); // like the JVM, a SIP lives while a non-daemon thread does
        } catch (InterruptedException killed) {
            return;
        }
        terminate(ExitStatus.exited(code), true);
    }

    private void runSystem(SystemProgram body) {
        int code;
        try {
            code = body.run(this);
        } catch (InterruptedException e) {
            code = ExitStatus.KILLED;
        } catch (Exception | LinkageError | AssertionError e) {
            printUncaught(Thread.currentThread(), e);
            code = 1;
        }
        terminate(ExitStatus.exited(code));
    }

    // ---- ending: the transitions of its Lifecycle, all here ------------------------------

    /** Ends the SIP with {@code status} unless it has already ended; the first ending wins. */
    boolean terminate(ExitStatus status) {
        return terminate(status, false);
    }

    /**
     * Running to Stopping, then hands the SIP to the reaper.
     *
     * @param fromFinishedMain whether the caller is the main thread after {@code main} returned:
     *     none of the SIP's code is left on its stack, so if it is the SIP's last thread it may
     *     release the SIP itself
     */
    private boolean terminate(ExitStatus status, boolean fromFinishedMain) {
        synchronized (lifecycle) {
            if (!(state instanceof Lifecycle.Running running)) {
                return false;
            }
            state = running.stop(status);
            unwind = new SipKilled("SIP " + pid + " " + (status.wasKilled() ? status.detail() : "exited"));
        }
        SipLoader sealed = loader;
        if (sealed != null) {
            sealed.killGlue();
        }
        in.close();
        hostFiles.close(); // a thread blocked in a host read or write returns
        processes.reaper().reap(this, fromFinishedMain);
        return true;
    }

    /** Records why a thread of the stopping SIP has not been stopped yet (the reaper's, while it tries). */
    void heldUpBy(String why) {
        synchronized (lifecycle) {
            state = switch (state) {
                case Lifecycle.Stopping stopping -> stopping.heldUpBy(why);
                case Lifecycle.Stuck stuck -> stuck.heldUpBy(why);
                case Lifecycle.Running _, Lifecycle.Ended _ -> throw new IllegalStateException(this + " is not stopping");
            };
        }
    }

    /** Stopping to Stuck: a thread did not stop by the reaper's deadline. */
    void stuck(String reason) {
        synchronized (lifecycle) {
            if (!(state instanceof Lifecycle.Stopping stopping)) {
                throw new IllegalStateException(this + " is not stopping");
            }
            state = stopping.stuck(reason);
        }
    }

    /** To Ended, once nothing of it is left (the reaper's last step); whoever waits for its exit status gets it. */
    void end() {
        Lifecycle.Ended ended;
        synchronized (lifecycle) {
            ended = switch (state) {
                case Lifecycle.Running running -> running.abandon();
                case Lifecycle.Stopping stopping -> stopping.end();
                case Lifecycle.Stuck stuck -> stuck.end();
                case Lifecycle.Ended already -> already;
            };
            state = ended;
        }
        exit.complete(ended.status());
    }

    /**
     * Why a thread of this stopping SIP has not been stopped yet (the last one tried), or null:
     * what {@code ps} and the kernel's report show for a SIP that stays {@code STOPPING}.
     */
    public String holdUp() {
        return switch (state) {
            case Lifecycle.Stopping stopping -> stopping.holdUp();
            case Lifecycle.Stuck stuck -> stuck.reason();
            case Lifecycle.Running _, Lifecycle.Ended _ -> null;
        };
    }

    /**
     * Called by the main thread after {@code main} returned, with the SIP stopping: stops the
     * SIP's executors and wakes its other threads, and says whether the caller is the only one
     * still alive (then nothing of the SIP can run any more, and it may be released at once).
     */
    boolean onlyCallerLeft() {
        List<Thread> alive = threads.wakeFromWithin();
        return alive.isEmpty() || alive.size() == 1 && alive.getFirst() == Thread.currentThread();
    }

    /**
     * Asks the SIP's threads to yield their carriers at their next kill check if one of its
     * virtual threads is running or waiting to run; says whether it asked.
     */
    private boolean preemptIfRunnable() {
        SipLoader sealed = loader;
        if (sealed == null || stopping()) {
            return false;
        }
        for (Thread thread : threads.alive()) {
            if (thread.isVirtual() && thread.getState() == Thread.State.RUNNABLE) {
                sealed.preemptGlue();
                return true;
            }
        }
        return false;
    }

    private boolean stopping() {
        return !(state instanceof Lifecycle.Running);
    }

    // ---- what the reaper takes apart, in the order Reaper.release gives -----------------------

    SipThreads threads() {
        return threads;
    }

    /** Its class loader while it has one: a system SIP never does, and the reaper drops it last. */
    SipLoader loader() {
        return loader;
    }

    /** The exception its threads unwind with, once it is stopping. */
    SipKilled unwind() {
        synchronized (lifecycle) {
            return unwind;
        }
    }

    void closeStandardStreams() {
        out.close(); // first: over a channel to the console, the last output must get there
        err.close();
    }

    MemoryAccount memory() {
        return memory;
    }

    CarrierWatch.Preemptible preemptible() {
        return preemptible;
    }

    /** Drops what keeps its classes reachable from the kernel. */
    void dropClasses() {
        loader = null;
        mainThread = null;
    }

    /** Why this SIP's channels closed, as its peers see it. */
    /** Whether it is ending, or ended, by a kill (not by its own exit). */
    boolean killed() {
        ExitStatus status = endingStatus();
        return status != null && status.wasKilled();
    }

    /** How it ends, once it is ending; null while it runs. */
    private ExitStatus endingStatus() {
        return switch (state) {
            case Lifecycle.Stopping stopping -> stopping.status();
            case Lifecycle.Stuck stuck -> stuck.status();
            case Lifecycle.Ended ended -> ended.status();
            case Lifecycle.Running _ -> null;
        };
    }

    String describeEnding() {
        ExitStatus status = endingStatus();
        String who = holdings.describe();
        if (status == null) {
            return who + " ended";
        }
        return status.wasKilled() ? who + " was killed: " + status.detail() : who + " exited with status " + status.code();
    }

    /**
     * Adds a directory of the file system SIP to its namespace, at {@code mount}: {@code directory} is
     * the client end of a {@link singj.abi.Directory} channel, already moved to it; set before it starts.
     * Its open files there are channel ends it holds, closed with everything else it holds as it ends.
     */
    @SuppressWarnings("unchecked")
    void mountFileSystem(Endpoint<?> directory, String mount, boolean writable) {
        var fs = new FsDirectoryFiles((Endpoint<Directory>) directory, mount, writable,
                bytes -> processes.ipc().allocate(holdings, bytes));
        files = new MountedFiles(hostFiles, hostFiles.mountPaths(), fs);
    }

    /** The endpoints it gets at start, already moved to it; set before it starts. */
    void receiveStartEndpoints(Map<String, Endpoint<?>> endpoints) {
        startEndpoints = Map.copyOf(endpoints);
    }

    /** Its channel ends, blocks and names. */
    public Holdings holdings() {
        return holdings;
    }

    private ExitStatus memoryKill(String what) {
        return ExitStatus.killed(KillCause.MEMORY_QUOTA, "memory quota of " + MemoryAccount.mib(memory.quota())
                + " exceeded (" + what + ")");
    }

    private ExitStatus outOfHeap() {
        return ExitStatus.killed(KillCause.MEMORY_QUOTA, "memory: the JVM's heap ran out while this SIP held about "
                + MemoryAccount.mib(memory.liveEstimate()) + " (its quota is " + MemoryAccount.mib(memory.quota()) + ")");
    }

    // ---- uncaught exceptions, printed as the JVM prints them ------------------------------

    private void uncaught(Thread thread, Throwable throwable) {
        if (throwable instanceof SipKilled || stopping()) {
            // Once the SIP is stopping, whatever escapes a thread is the ending unwinding it (under
            // java, System.exit halts the JVM and the threads it ends report nothing), though not
            // always as SipKilled: a kill thrown from a handler stub inside a synchronized block
            // leaves the frame with the monitor held, which the JVM turns into an
            // IllegalMonitorStateException.
            return;
        }
        if (throwable instanceof OutOfMemoryError) {
            terminate(outOfHeap());
            return;
        }
        printUncaught(thread, throwable);
    }

    /**
     * Prints an uncaught exception on the thread it ended (never a kernel thread: printing runs the
     * exception's own code), and kills the SIP if that takes longer than
     * {@link UncaughtPrinter#DEADLINE}. Returns normally even then: the kill is under way.
     */
    private void printUncaught(Thread thread, Throwable throwable) {
        String overrun = "its uncaught " + throwable.getClass().getName() + " took more than "
                + Processes.format(UncaughtPrinter.DEADLINE) + " to print"; // made here: the timer keeps no SIP object but this SIP
        var deadline = processes.schedule(() -> kill(KillCause.UNPRINTABLE_EXCEPTION, overrun), UncaughtPrinter.DEADLINE);
        try {
            UncaughtPrinter.print(thread, throwable, err.get());
        } catch (SipKilled unwinding) {
            // the deadline, or another ending of the SIP: nothing more to print
        } finally {
            deadline.cancel(false);
        }
    }

    // ---- the SIP's view of the kernel (through SipGlue) ----------------------------------

    private final class Context implements SipContext {
        /** The runtime's per-SIP services (SipContext.service), by type. */
        private final java.util.concurrent.ConcurrentHashMap<Class<?>, Object> services = new java.util.concurrent.ConcurrentHashMap<>();

        @Override
        public <T> T service(Class<T> type, java.util.function.Supplier<? extends T> make) {
            return type.cast(services.computeIfAbsent(type, key -> make.get()));
        }

        @Override
        public <C> Channel<C> newChannel(Class<C> contract) {
            return withContract(() -> processes.ipc().newChannel(contract, holdings));
        }

        @Override
        public <C> Endpoint<C> open(String name, Class<C> contract) {
            return withContract(() -> processes.ipc().names().open(name, contract, holdings));
        }

        @Override
        public <C> Service<C> register(String name, Class<C> contract) {
            return withContract(() -> processes.ipc().names().register(name, contract, holdings));
        }

        /** A broken contract reaches the SIP as an IllegalArgumentException: it cannot name the kernel's types. */
        private static <T> T withContract(java.util.function.Supplier<T> call) {
            try {
                return call.get();
            } catch (ContractException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
        }

        @Override
        public SipFiles files() {
            return files;
        }

        @Override
        public singj.abi.Device device(String name) {
            if (!grant.devices().contains(name)) {
                throw new singj.abi.DeviceException(holdings.describe() + " may not use device " + name
                        + ": it was not granted it (devices go only to the driver the system's policy names, "
                        + "whose manifest asks for them with SingJ-Devices)", false);
            }
            return processes.devices().lease(name, holdings);
        }

        @Override
        public Endpoint<?> startEndpoint(String name) {
            Endpoint<?> endpoint = startEndpoints.get(name);
            if (endpoint == null) {
                throw new IllegalArgumentException("no start endpoint '" + name + "' (the program's manifest declares "
                        + (startEndpoints.isEmpty() ? "none" : String.join(", ", startEndpoints.keySet())) + ")");
            }
            return endpoint;
        }

        @Override
        public Block allocate(long bytes) {
            return processes.ipc().allocate(holdings, bytes);
        }

        @Override
        public WaitEvent newWaitEvent() {
            return new SpinParkEvent(this);
        }

        @Override
        public int pid() {
            return pid;
        }

        @Override
        public String program() {
            return program;
        }

        @Override
        public PrintStream out() {
            return out.get();
        }

        @Override
        public PrintStream err() {
            return err.get();
        }

        @Override
        public InputStream in() {
            return in;
        }

        @Override
        public SipKilled exit(int code) {
            terminate(ExitStatus.exited(code));
            return killed();
        }

        @Override
        public boolean stopping() {
            return Proc.this.stopping();
        }

        @Override
        public int nextThreadNumber() {
            return threadNumbers.getAndIncrement();
        }

        @Override
        public SipKilled killed() {
            synchronized (lifecycle) {
                return unwind != null ? unwind : new SipKilled("SIP " + pid + " is being stopped");
            }
        }

        @Override
        public void adopt(Thread thread) {
            threads.addCounted(thread);
            // a platform thread inherits its creator's daemon flag; under `java` main is not a
            // daemon, so neither are the threads it creates, though the kernel's main thread is one
            // (a ForkJoinPool's worker makes itself a daemon, whoever creates it); isAlive and
            // isVirtual are final: a SIP's Thread subclass can override getState
            if (!thread.isAlive() && !thread.isVirtual() && !(thread instanceof ForkJoinWorkerThread)
                    && Thread.currentThread() == mainThread && thread.isDaemon()) {
                thread.setDaemon(false);
            }
            thread.setUncaughtExceptionHandler(Proc.this::uncaught);
            if (stopping()) {
                throw killed();
            }
        }

        @Override
        public <E extends ExecutorService> E adopt(E executor) {
            threads.add(executor);
            if (stopping()) {
                executor.shutdownNow();
                throw killed();
            }
            return executor;
        }

        @Override
        public ThreadFactory threadFactory(boolean virtual) {
            if (virtual) {
                ThreadFactory factory = processes.host().sipThreads().threads().factory();
                return task -> {
                    Thread thread = factory.newThread(task);
                    adopt(thread);
                    return thread;
                };
            }
            int pool = threadPools.incrementAndGet();
            AtomicInteger numbers = new AtomicInteger();
            return task -> {
                Thread thread = new Thread(task, "pool-" + pool + "-thread-" + numbers.incrementAndGet());
                thread.setDaemon(false);
                adopt(thread);
                return thread;
            };
        }

        @Override
        public boolean owns(Thread thread) {
            return threads.contains(thread);
        }

        @Override
        public ForkJoinPool commonPool() {
            return async.commonPool();
        }

        @Override
        public ForkJoinPool.ForkJoinWorkerThreadFactory forkJoinWorkerFactory() {
            return async.workerFactory();
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            return async.schedule(task, delay, unit);
        }

        @Override
        public Properties properties() {
            return Proc.this.properties();
        }

        @Override
        public Map<String, String> environment() {
            return environment;
        }

        @Override
        public SipKilled outOfMemory(OutOfMemoryError error) {
            terminate(outOfHeap());
            return killed();
        }

        @Override
        public void largeAllocation(long bytes) {
            enforce(() -> memory.refuse(bytes));
        }

        /** Kills the SIP, from its own thread, if the memory account refuses what it does. */
        private void enforce(MemoryCheck check) {
            String refusal;
            try {
                refusal = check.refusal();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                refusal = null; // woken by a kill: the next kill check unwinds
            }
            if (refusal != null) {
                terminate(memoryKill(refusal));
                throw killed();
            }
        }
    }

    /** A question to the memory account: why the SIP must die, or null. */
    @FunctionalInterface
    private interface MemoryCheck {
        String refusal() throws InterruptedException;
    }

    @Override
    public String toString() {
        return "SIP " + pid + " (" + program + ")";
    }
}
