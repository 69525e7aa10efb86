package singj.kernel.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import singj.kernel.host.HostThreads;

/**
 * The last step of a kill, for a thread of the SIP that its kill checks cannot reach because it
 * runs JDK code (a regex that backtracks for minutes, a sort of a hundred million elements): the
 * SIP's unwind exception is raised in it through {@link HostThreads}, at a moment that is safe for
 * everyone else. Raising an exception at an arbitrary instruction is what made
 * {@code Thread.stop} unsafe: it can leave half-changed whatever the thread was changing. For a
 * killed SIP's own objects that does not matter, they die with it; for state every SIP and the
 * kernel share it does. So the thread is suspended and its frames read first, and it is stopped
 * only when none of them may be changing shared state:
 * <ul>
 * <li>JDK frames above the innermost frame of the SIP's own code must not be in a method of
 *     {@code jdk-FEATURE.unstoppable} (made by {@code singj jdk-surface}: the JDK methods that may
 *     change a static field or an object reached from one) nor in any class initialiser (a
 *     failed one breaks its class for the whole JVM), and must be in {@code java.base}, the only
 *     module the table covers. Frames below a frame of the SIP's code are waiting for a call into
 *     the SIP's code, which may throw anyway: the JDK already copes with that.</li>
 * <li>No frame above the SIP's own code may be the kernel's: kernel code ends by itself once
 *     woken (below it, the kernel is waiting for the SIP's code, as the waker does).</li>
 * </ul>
 * Otherwise the thread is resumed and tried again on the reaper's next round: the JDK's
 * changes to shared state are short, the SIP's loops are not.
 */
final class ForcedStop {
    private static final int FRAMES_AT_A_TIME = 32;
    /** JVMTI_ERROR_ILLEGAL_ARGUMENT: GetStackTrace was asked for frames past the outermost. */
    private static final int ILLEGAL_ARGUMENT = 103;

    private ForcedStop() {}

    /** The JDK methods a thread is never stopped in, each with why; read once per JVM, before any suspension. */
    private static final class Unstoppable {
        static final Map<String, String> METHODS = read("/singj/kernel/jdk-" + Runtime.version().feature() + ".unstoppable");
    }

    /**
     * Raises {@code unwind} in {@code thread} through the host's JVMTI library, a thread of the SIP whose classes {@code sipLoader}
     * defined, if that is safe now. Returns null if it was raised (or the thread has ended), or
     * what holds it up: where the thread is, and why it is not stopped there. The caller has found
     * {@code host} {@linkplain HostThreads#available() available}, as it must before asking a thread's state.
     */
    static String tryStop(HostThreads host, Thread thread, ClassLoader sipLoader, Throwable unwind) {
        Map<String, String> unstoppable = Unstoppable.METHODS;
        // From here until the thread is resumed, nothing may take a lock or link a call site
        // (string concatenation and lambdas link through the JDK's shared tables) that the
        // suspended thread could hold: StringBuilder only.
        int suspended = host.suspend(thread);
        if (suspended == HostThreads.NOT_ALIVE) {
            return null;
        }
        if (suspended != 0) {
            return new StringBuilder("JVMTI could not suspend it (error ").append(suspended).append(')').toString();
        }
        String holdUp;
        try {
            holdUp = judge(host, thread, sipLoader, unstoppable);
            if (holdUp == null) {
                int raised = host.raise(thread, unwind);
                if (raised != 0 && raised != HostThreads.NOT_ALIVE) {
                    holdUp = new StringBuilder("JVMTI could not raise the kill in it (error ").append(raised).append(')').toString();
                }
            }
        } finally {
            host.resume(thread);
        }
        return holdUp;
    }

    /**
     * Why the suspended {@code thread} must not be stopped where it is, or null. Its frames are
     * read a few at a time, innermost first, and only down to the first frame of the SIP's own
     * code: a recursion thousands of frames deep is not read whole on every round.
     */
    private static String judge(HostThreads host, Thread thread, ClassLoader sipLoader, Map<String, String> unstoppable) {
        Class<?>[] classes = new Class<?>[FRAMES_AT_A_TIME];
        String[] methods = new String[FRAMES_AT_A_TIME];
        for (int depth = 0; ; depth += FRAMES_AT_A_TIME) {
            int read = host.frames(thread, depth, classes, methods);
            if (read == -HostThreads.NOT_ALIVE || read == -ILLEGAL_ARGUMENT) {
                return null; // it ended, or no frame is left
            }
            if (read < 0) {
                return new StringBuilder("JVMTI could not read its frames (error ").append(-read).append(')').toString();
            }
            for (int i = 0; i < read; i++) {
                Class<?> frame = classes[i];
                String method = methods[i];
                if (frame.getClassLoader() == sipLoader) {
                    return null; // what runs above is the JDK's, called by the SIP; below, calls into the SIP wait
                }
                String name = frame.getName();
                if (name.startsWith("singj.kernel.")) {
                    return where(name, method).append(": kernel code, which ends by itself once woken").toString();
                }
                if (name.startsWith("singj.")) {
                    continue; // the SIP runtime, written to unwind at any call
                }
                if (method.startsWith("<clinit>")) {
                    return where(name, method).append(": a class initialiser of the JDK, which would fail for every SIP").toString();
                }
                if (frame.getModule() != Object.class.getModule()) {
                    return where(name, method).append(": outside java.base, where no table says what it changes").toString();
                }
                if (frame.isHidden()) {
                    continue; // the adapters java.lang.invoke generates
                }
                String why = unstoppable.get(new StringBuilder(name.length() + method.length() + 1)
                        .append(name.replace('.', '/')).append('.').append(method).toString());
                if (why != null) {
                    return where(name, method).append(", which ").append(why).toString();
                }
            }
            if (read < FRAMES_AT_A_TIME) {
                return null;
            }
        }
    }

    private static StringBuilder where(String className, String method) {
        return new StringBuilder("in ").append(className).append('.').append(method, 0, method.indexOf('('));
    }

    private static Map<String, String> read(String resource) {
        Map<String, String> methods = new HashMap<>();
        try (InputStream in = ForcedStop.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the kernel has no " + resource + " for this JDK: regenerate it with "
                        + "./singj jdk-surface --unstoppable (docs/sealing.md)");
            }
            var lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = lines.readLine()) != null; ) {
                if (line.isEmpty() || line.startsWith("#") || line.startsWith("jdk ")) {
                    continue;
                }
                int space = line.indexOf(' ');
                methods.put(line.substring(0, space), line.substring(space + 1));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return methods;
    }
}
