package singj.kernel.isolate;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import singj.abi.Block;
import singj.abi.Channel;
import singj.abi.DeviceException;
import singj.abi.Endpoint;
import singj.abi.Service;
import singj.abi.WaitEvent;
import singj.abi.runtime.SipContext;
import singj.abi.runtime.SipKilled;
import singj.kernel.sched.CooperativeScheduler;
import singj.kernel.sched.SpinParkEvent;

/**
 * The context of a SIP that has a JVM of its own: what is JVM-wide here belongs to this SIP alone,
 * so standard streams, exit, threads, the common pool and properties are the JVM's own; the
 * kernel's objects (channels, names, blocks) are reached over the {@link KernelLine}. Memory is
 * the JVM's heap limit (the SIP's quota), enforced by the JVM; a kill is SIGKILL from the kernel,
 * so no thread ever has to unwind for one.
 */
final class ChildContext implements SipContext {
    /** The status of a child that ran out of heap: the kernel reports its process dead, as for a crash. */
    static final int LOST_MEMORY = 137;

    private final KernelLine kernel;
    private final int pid;
    private final String program;
    private final Map<String, String> environment;
    private final Properties properties;
    private final AtomicInteger threadNumbers = new AtomicInteger();
    private final AtomicInteger pools = new AtomicInteger();
    private volatile ScheduledExecutorService timer;

    ChildContext(KernelLine kernel, int pid, String program, Map<String, String> environment, Properties properties) {
        this.kernel = kernel;
        this.pid = pid;
        this.program = program;
        this.environment = environment;
        this.properties = properties;
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
        return System.out;
    }

    @Override
    public PrintStream err() {
        return System.err;
    }

    @Override
    public InputStream in() {
        return System.in;
    }

    @Override
    public SipKilled exit(int code) {
        exitNow(code);
        return new SipKilled("exited");
    }

    /** Ends the JVM with {@code status} once the SIP's output is out; the kernel sees the status. */
    void exitNow(int status) {
        System.out.flush();
        System.err.flush();
        Runtime.getRuntime().halt(status);
    }

    /** As the JVM does before it exits after main: waits for the SIP's other non-daemon threads. */
    void awaitNonDaemonThreads() throws InterruptedException {
        while (true) {
            Thread left = null;
            for (Thread thread : Thread.getAllStackTraces().keySet()) {
                if (thread != Thread.currentThread() && !thread.isDaemon() && thread.isAlive()
                        && thread.getThreadGroup() != null && !"system".equals(thread.getThreadGroup().getName())
                        && !thread.getName().equals("DestroyJavaVM")) {
                    left = thread;
                    break;
                }
            }
            if (left == null) {
                return;
            }
            left.join();
        }
    }

    @Override
    public boolean stopping() {
        return false; // a kill is SIGKILL: no thread of this JVM ever sees the SIP stopping
    }

    @Override
    public int nextThreadNumber() {
        return threadNumbers.getAndIncrement();
    }

    @Override
    public SipKilled killed() {
        return new SipKilled("SIP " + pid + " is being stopped");
    }

    @Override
    public void adopt(Thread thread) {
        // every thread of this JVM is the SIP's
    }

    @Override
    public <E extends ExecutorService> E adopt(E executor) {
        return executor;
    }

    @Override
    public ThreadFactory threadFactory(boolean virtual) {
        if (virtual) {
            return Thread.ofVirtual().factory();
        }
        int pool = pools.incrementAndGet();
        AtomicInteger numbers = new AtomicInteger();
        return task -> {
            Thread thread = new Thread(task, "pool-" + pool + "-thread-" + numbers.incrementAndGet());
            thread.setDaemon(false);
            return thread;
        };
    }

    @Override
    public boolean owns(Thread thread) {
        return true;
    }

    @Override
    public ForkJoinPool commonPool() {
        return ForkJoinPool.commonPool();
    }

    @Override
    public ForkJoinPool.ForkJoinWorkerThreadFactory forkJoinWorkerFactory() {
        return ForkJoinPool.defaultForkJoinWorkerThreadFactory;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        ScheduledExecutorService scheduler = timer;
        if (scheduler == null) {
            synchronized (this) {
                if (timer == null) {
                    var made = new ScheduledThreadPoolExecutor(1, Thread.ofPlatform().daemon().name("sip-timer").factory());
                    made.setRemoveOnCancelPolicy(true);
                    timer = made;
                }
                scheduler = timer;
            }
        }
        return scheduler.schedule(task, delay, unit);
    }

    @Override
    public Properties properties() {
        return properties;
    }

    @Override
    public Map<String, String> environment() {
        return environment;
    }

    @Override
    public SipKilled outOfMemory(OutOfMemoryError error) {
        System.err.println("singj: SIP " + pid + " (" + program + ") ran out of its memory: " + error.getMessage());
        exitNow(LOST_MEMORY);
        return killed();
    }

    @Override
    public void largeAllocation(long bytes) {
        // the JVM refuses what its heap cannot hold
    }

    // ---- the kernel's objects, over the line -----------------------------------------------

    @Override
    @SuppressWarnings("unchecked")
    public <C> Channel<C> newChannel(Class<C> contract) {
        Wire.In reply = kernel.call(new Wire.Out(Wire.NEW_CHANNEL).putString(contract.getName()));
        Endpoint<C> client = (Endpoint<C>) kernel.getEndpoint(reply);
        Endpoint<C> server = (Endpoint<C>) kernel.getEndpoint(reply);
        return new Channel<>(client, server);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <C> Endpoint<C> open(String name, Class<C> contract) {
        Wire.In reply = kernel.call(new Wire.Out(Wire.OPEN).putString(name).putString(contract.getName()));
        return (Endpoint<C>) kernel.getEndpoint(reply);
    }

    @Override
    public <C> Service<C> register(String name, Class<C> contract) {
        Wire.In reply = kernel.call(new Wire.Out(Wire.REGISTER).putString(name).putString(contract.getName()));
        return new Service<>(new ChildService(kernel, reply.getInt(), name));
    }

    @Override
    public Block allocate(long bytes) {
        return kernel.getBlock(kernel.call(new Wire.Out(Wire.ALLOCATE).putLong(bytes)));
    }

    @Override
    public singj.abi.Device device(String name) {
        throw new DeviceException("SIP " + pid + " (" + program + ") runs in a process of its own, "
                + "where devices are not offered yet (docs/isolation.md)", false);
    }

    @Override
    public Endpoint<?> startEndpoint(String name) {
        return kernel.getEndpoint(kernel.call(new Wire.Out(Wire.START_ENDPOINT).putString(name)));
    }

    @Override
    public void runCooperatively(Runnable[] threads) {
        CooperativeScheduler.run(threads, this);
    }

    @Override
    public void yieldCpu() {
        CooperativeScheduler.yieldCpu(this);
    }

    @Override
    public WaitEvent newWaitEvent() {
        return new SpinParkEvent(this);
    }
}
