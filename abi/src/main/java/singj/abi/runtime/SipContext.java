package singj.abi.runtime;

import java.io.InputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadFactory;

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

    /** This SIP's read-only view of the system properties. */
    Properties properties();

    /** This SIP's read-only environment. */
    Map<String, String> environment();

    /**
     * Called when the SIP's allocation sampler fires: {@code sample} stands for {@code bytes}
     * of allocation. Throws {@link SipKilled} when the SIP is over its memory quota.
     */
    void allocationSample(Object sample, long bytes);

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

    /** The endpoint given at start under {@code name}. */
    singj.abi.Endpoint<?> startEndpoint(String name);

    // ---- threads and wait objects (see singj.abi.Sip) ------------------------------------

    /** Runs {@code threads} as a cooperative group on the calling thread (see {@code Sip.runCooperatively}). */
    void runCooperatively(Runnable[] threads);

    /** Hands the CPU to the next thread of the caller's cooperative group, or hints the JVM outside one. */
    void yieldCpu();

    singj.abi.WaitEvent newWaitEvent();
}
