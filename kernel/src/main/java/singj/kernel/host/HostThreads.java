package singj.kernel.host;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The JVM's debugger interface (JVMTI), for the few things the kernel needs of it that Java no
 * longer offers: suspending a thread, reading its frames, and raising an exception in it wherever
 * it runs, inside JDK code too ({@code Thread.stop}, removed in JDK 20, was this). The native half
 * is {@code kernel/src/main/c/singj_threads.c}, built next to the classes. The same library samples
 * the JVM's allocations for the memory accounts ({@link HeapSampler}), so it is loaded when the
 * first SIP's memory account is opened.
 *
 * <p>The {@link HostRuntime}'s, like the JVM it talks to. The library itself is loaded once per
 * JVM however many host runtimes there are ({@link Library}): the JVM binds a class's native
 * methods to the first library that defines them, so a second copy, whose JVMTI environment could
 * not get the capabilities the first holds, must never be loaded. The native calls work only once
 * {@link #available} has said so.
 */
public final class HostThreads {
    private static final String LIBRARY = "libsingj_threads.so";
    /** JVMTI's JVMTI_ERROR_THREAD_NOT_ALIVE: the thread ended (or never started) meanwhile. */
    public static final int NOT_ALIVE = 15;

    HostThreads() {}

    /**
     * Why the library could not be loaded, or null once it is: set once per JVM, the first time a
     * kill needs it, and never changed (the JVM-wide state the library is, held as the JVM holds it).
     */
    private static final class Library {
        static final String PROBLEM = load();
    }

    /** Whether the calls below work here; loads the library the first time. */
    public boolean available() {
        return loaded();
    }

    /** Why {@link #available} is false, or null. */
    public String problem() {
        return loadProblem();
    }

    static boolean loaded() {
        return Library.PROBLEM == null;
    }

    static String loadProblem() {
        return Library.PROBLEM;
    }

    private static String load() {
        URL url = HostThreads.class.getResource(LIBRARY);
        if (url == null) {
            return LIBRARY + " is not beside the kernel's classes (built with gcc by the kernel module)";
        }
        try {
            Path library;
            if (url.getProtocol().equals("file")) {
                library = Path.of(url.toURI());
            } else { // inside a jar: the dynamic loader needs a file
                library = Files.createTempFile("singj-threads", ".so");
                library.toFile().deleteOnExit();
                try (InputStream in = url.openStream()) {
                    Files.copy(in, library, StandardCopyOption.REPLACE_EXISTING);
                }
            }
            System.load(library.toString());
            return ready() ? null : "the JVM refused the JVMTI capabilities to suspend and stop threads and to sample allocations";
        } catch (IOException | URISyntaxException | UnsatisfiedLinkError e) {
            return "loading " + url + " failed: " + e.getMessage();
        }
    }

    private static native boolean ready();

    /** JVMTI SuspendThread: 0, or a JVMTI error code. */
    public native int suspend(Thread thread);

    /** JVMTI ResumeThread: 0, or a JVMTI error code. */
    public native int resume(Thread thread);

    /** JVMTI_THREAD_STATE_RUNNABLE: the thread runs or may run now (it waits for nothing). */
    public static final int RUNNABLE = 0x4;

    /** JVMTI GetThreadState: the JVMTI_THREAD_STATE_* bits; reads the thread without suspending it. */
    public native int state(Thread thread);

    /** JVMTI StopThread: {@code exception} is thrown in {@code thread} at its next safepoint. 0, or a JVMTI error code. */
    public native int raise(Thread thread, Throwable exception);

    /**
     * Fills {@code classes} and {@code methods} (name and descriptor, as {@code run()V}) with the
     * frames of a suspended thread from depth {@code start} (0 is the innermost) outwards, up to
     * the arrays' length; returns how many, or minus a JVMTI error code (JVMTI_ERROR_ILLEGAL_ARGUMENT
     * past the outermost frame).
     */
    public native int frames(Thread thread, int start, Class<?>[] classes, String[] methods);

    /**
     * Starts the JVM's heap sampling: on average every {@code interval} bytes a thread allocates,
     * the static {@code sampled(int, Object, long)} of {@code to} is called on it if the thread is
     * charged to an account ({@code accountOf(Thread)} of {@code to} says, once per thread). 0, or
     * a JVMTI error code. Only once per JVM, by {@link HeapSampler}.
     */
    static native int startSampling(Class<?> to, int interval);

    /** What the calling thread allocates from now on is charged to account {@code number}, or to none (0). 0, or a JVMTI error code. */
    static native int chargeCurrentThread(int number);

    /** {@link HeapCensus}: one walk of what a SIP holds (see the native half for what is counted). */
    static native int census(ClassLoader loader, Thread[] threads, ClassLoader kernel, Class<?> sipLoaders,
                             Class<?>[] shared, Class<?>[] sizedEach, long stopAbove, long[] out);
}
