package singj.abi.runtime;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

/**
 * What the kernel gives one SIP: its own versions of the JVM-wide things a plain Java program
 * expects (standard streams, exit, properties, environment) and the hooks through which the
 * threads and executors it creates become its own. Implemented by the kernel; sealed code
 * reaches it only through {@link SipGlue}.
 */
public interface SipContext {
    int pid();

    String program();

    PrintStream out();

    PrintStream err();

    InputStream in();

    /** Ends the whole SIP with {@code code}; never returns normally (throws {@link SipKilled}). */
    SipKilled exit(int code);

    /** Whether the SIP is ending (killed or exiting): its threads must unwind. */
    boolean stopping();

    /** The next number for a thread the SIP creates without a name ("Thread-N", counted per SIP). */
    int nextThreadNumber();

    /** The reason to unwind with, once the SIP is being killed or is exiting. */
    SipKilled killed();

    /** Records a thread the SIP created, so that kill can find and stop it. */
    void adopt(Thread thread);

    /** Records an executor the SIP created, so that kill can shut it down. */
    <E extends ExecutorService> E adopt(E executor);

    /** A thread factory whose threads belong to this SIP. */
    ThreadFactory threadFactory(boolean virtual);

    /** Whether {@code thread} is one of this SIP's threads. */
    boolean owns(Thread thread);

    // ---- the SIP's own versions of the JDK's shared pool and timer (see AsyncCalls) -------

    /**
     * The SIP's stand-in for {@link ForkJoinPool#commonPool()}, made on first use: what
     * {@code CompletableFuture}, parallel streams and forked tasks run on instead of the JVM-wide
     * pool. Its workers are the SIP's own threads; it ignores shutdown, as the common pool does,
     * until the SIP ends.
     */
    ForkJoinPool commonPool();

    /**
     * A factory for the workers of a {@code ForkJoinPool} the SIP creates: its threads are the
     * SIP's, numbered per pool as the JDK numbers them ("ForkJoinPool-N-worker-M", N counted per SIP).
     */
    ForkJoinPool.ForkJoinWorkerThreadFactory forkJoinWorkerFactory();

    /**
     * Runs {@code task} after {@code delay} on the SIP's own timer thread (made on first use), in
     * place of the JDK's delay scheduler: {@code orTimeout}, {@code completeOnTimeout} and
     * {@code CompletableFuture.delayedExecutor} run the stages they complete there.
     */
    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit);

    /** This SIP's read-only view of the system properties. */
    Properties properties();

    /** This SIP's read-only environment. */
    Map<String, String> environment();

    /**
     * This SIP's own instance of a runtime service of type {@code type}, made by {@code make} on
     * first use and dropped with the SIP: the runtime's per-SIP versions of what the JDK keeps
     * JVM-wide (the loggers of {@link LoggingCalls}).
     */
    default <T> T service(Class<T> type, java.util.function.Supplier<? extends T> make) {
        throw new UnsupportedOperationException("this SIP context keeps no services");
    }

    /**
     * The SIP caught an {@link OutOfMemoryError}: it is killed for exceeding its memory, whatever
     * its handler meant to do, so that a SIP cannot keep the JVM at the edge of its heap.
     */
    SipKilled outOfMemory(OutOfMemoryError error);

    /** Called before a large array is allocated, so that one allocation cannot exhaust the JVM. */
    void largeAllocation(long bytes);

    // ---- channels, names and the exchange heap (see singj.abi.Sip) -----------------------

    <C> singj.abi.Channel<C> newChannel(Class<C> contract);

    <C> singj.abi.Endpoint<C> open(String name, Class<C> contract);

    <C> singj.abi.Service<C> register(String name, Class<C> contract);

    singj.abi.Block allocate(long bytes);

    /** The device {@code name}, if this SIP was granted it and no other holds it (see {@code Sip.device}). */
    singj.abi.Device device(String name);

    /** The endpoint given at start under {@code name}. */
    singj.abi.Endpoint<?> startEndpoint(String name);

    /**
     * The SIP's file namespace: the host directories its starter granted ({@code singj run --dir}),
     * what the redirected file APIs of {@code singj.abi.runtime.files} reach; none by default.
     */
    default singj.abi.runtime.files.SipFiles files() {
        return singj.abi.runtime.files.SipFiles.NONE;
    }

    // ---- wait objects (see singj.abi.Sip) ------------------------------------------------

    singj.abi.WaitEvent newWaitEvent();
}
