package singj.abi.runtime;

import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Phaser;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

/**
 * The shared half of the SIP runtime: what sealed code calls in place of JVM-wide operations
 * (standard streams, exit, properties, thread and executor creation, uninterruptible waits,
 * identity operations), with the calling SIP's context passed last. Loaded once for every SIP,
 * unlike {@link SipGlue}, which each SIP gets a copy of and which therefore holds only the
 * per-SIP state and the hot checks: defining a large class per SIP cost most of a SIP's start.
 */
public final class SipCalls {
    /** The target of a live SIP's life call site ({@code SipGlue.LIFE}); shared, so that its identity is a constant. */
    public static final MethodHandle ALIVE = MethodHandles.constant(boolean.class, true);
    /** The target of a killed SIP's life call site: a handle of the same type, and another identity. */
    public static final MethodHandle DEAD = MethodHandles.constant(boolean.class, false);
    /** The target of the life call site of a SIP asked to yield its carriers: a third identity. */
    public static final MethodHandle PREEMPTED = MethodHandles.constant(boolean.class, true);

    private SipCalls() {}

    // ---- the SIP's own versions of JVM-wide state ---------------------------------------

    public static int pid(SipContext context) {
        return context.pid();
    }

    /** {@code ProcessHandle.current()}: the SIP, whose pid is its own, not the JVM's. */
    public static ProcessHandle currentProcess(SipContext context) {
        return new SipProcessHandle(context.pid());
    }

    public static String program(SipContext context) {
        return context.program();
    }

    public static PrintStream out(SipContext context) {
        return context.out();
    }

    public static PrintStream err(SipContext context) {
        return context.err();
    }

    public static InputStream in(SipContext context) {
        return context.in();
    }

    public static void gc(SipContext context) {
        // a collection pauses every SIP; a SIP may not ask for one
    }

    public static void gc(Runtime runtime, SipContext context) {
    }

    public static void exit(int status, SipContext context) {
        throw context.exit(status);
    }

    public static void exit(Runtime runtime, int status, SipContext context) {
        throw context.exit(status);
    }

    public static String getProperty(String key, SipContext context) {
        Objects.requireNonNull(key, "key");
        return context.properties().getProperty(key);
    }

    public static String getProperty(String key, String fallback, SipContext context) {
        Objects.requireNonNull(key, "key");
        return context.properties().getProperty(key, fallback);
    }

    public static Properties getProperties(SipContext context) {
        Properties copy = new Properties();
        copy.putAll(context.properties()); // the SIP's view is read-only: changing the copy changes nothing
        return copy;
    }

    public static String getenv(String name, SipContext context) {
        return context.environment().get(Objects.requireNonNull(name, "name"));
    }

    public static Map<String, String> getenv(SipContext context) {
        return context.environment();
    }

    public static void printStackTrace(Throwable throwable, SipContext context) {
        HostFrames.hide(throwable).printStackTrace(context.err());
    }

    public static void printStackTrace(Throwable throwable, PrintStream stream, SipContext context) {
        HostFrames.hide(throwable).printStackTrace(stream);
    }

    public static void printStackTrace(Throwable throwable, PrintWriter writer, SipContext context) {
        HostFrames.hide(throwable).printStackTrace(writer);
    }

    public static StackTraceElement[] getStackTrace(Throwable throwable, SipContext context) {
        return HostFrames.hide(throwable).getStackTrace();
    }

    public static void dumpStack(SipContext context) {
        new Exception("Stack trace").printStackTrace(context.err());
    }

    // ---- threads and executors become the SIP's own --------------------------------------

    public static void adopt(Thread thread, SipContext context) {
        context.adopt(thread);
    }

    public static void adopt(ExecutorService executor, SipContext context) {
        context.adopt(executor);
    }

    /** Passed by sealed code to the {@code Thread} constructors that take no name. */
    public static String threadName(SipContext context) {
        return "Thread-" + context.nextThreadNumber();
    }

    /**
     * A platform thread from an unnamed {@code Thread.Builder} took its number from the JVM-wide
     * counter; it takes the SIP's next number instead. (A builder told to name its threads
     * "Thread-N" itself is indistinguishable from an unnamed one and is renumbered too.)
     */
    private static Thread numbered(Thread thread, SipContext context) {
        if (!thread.isVirtual() && isNumberedName(thread.getName())) {
            thread.setName(threadName(context));
        }
        return thread;
    }

    private static boolean isNumberedName(String name) {
        if (!name.startsWith("Thread-") || name.length() == "Thread-".length()) {
            return false;
        }
        for (int i = "Thread-".length(); i < name.length(); i++) {
            if (!Character.isDigit(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    public static Thread startVirtualThread(Runnable task, SipContext context) {
        Thread thread = context.threadFactory(true).newThread(task);
        thread.start();
        return thread;
    }

    public static Thread builderStart(Thread.Builder builder, Runnable task, SipContext context) {
        Thread thread = numbered(builder.unstarted(task), context);
        context.adopt(thread);
        thread.start();
        return thread;
    }

    public static Thread builderUnstarted(Thread.Builder builder, Runnable task, SipContext context) {
        Thread thread = numbered(builder.unstarted(task), context);
        context.adopt(thread);
        return thread;
    }

    public static ThreadFactory builderFactory(Thread.Builder builder, SipContext context) {
        ThreadFactory factory = builder.factory();
        SipContext owner = context;
        return task -> {
            Thread thread = numbered(factory.newThread(task), owner);
            owner.adopt(thread);
            return thread;
        };
    }

    public static ThreadFactory defaultThreadFactory(SipContext context) {
        return context.threadFactory(false);
    }

    public static ExecutorService newFixedThreadPool(int threads, SipContext context) {
        return context.adopt(Executors.newFixedThreadPool(threads, context.threadFactory(false)));
    }

    public static ExecutorService newFixedThreadPool(int threads, ThreadFactory factory, SipContext context) {
        return context.adopt(Executors.newFixedThreadPool(threads, factory));
    }

    public static ExecutorService newCachedThreadPool(SipContext context) {
        return context.adopt(Executors.newCachedThreadPool(context.threadFactory(false)));
    }

    public static ExecutorService newCachedThreadPool(ThreadFactory factory, SipContext context) {
        return context.adopt(Executors.newCachedThreadPool(factory));
    }

    public static ExecutorService newSingleThreadExecutor(SipContext context) {
        return context.adopt(Executors.newSingleThreadExecutor(context.threadFactory(false)));
    }

    public static ExecutorService newSingleThreadExecutor(ThreadFactory factory, SipContext context) {
        return context.adopt(Executors.newSingleThreadExecutor(factory));
    }

    public static ScheduledExecutorService newScheduledThreadPool(int threads, SipContext context) {
        return context.adopt(Executors.newScheduledThreadPool(threads, context.threadFactory(false)));
    }

    public static ScheduledExecutorService newScheduledThreadPool(int threads, ThreadFactory factory, SipContext context) {
        return context.adopt(Executors.newScheduledThreadPool(threads, factory));
    }

    public static ScheduledExecutorService newSingleThreadScheduledExecutor(SipContext context) {
        return context.adopt(Executors.newSingleThreadScheduledExecutor(context.threadFactory(false)));
    }

    public static ScheduledExecutorService newSingleThreadScheduledExecutor(ThreadFactory factory, SipContext context) {
        return context.adopt(Executors.newSingleThreadScheduledExecutor(factory));
    }

    public static ExecutorService newVirtualThreadPerTaskExecutor(SipContext context) {
        return context.adopt(Executors.newThreadPerTaskExecutor(context.threadFactory(true)));
    }

    public static ExecutorService newThreadPerTaskExecutor(ThreadFactory factory, SipContext context) {
        return context.adopt(Executors.newThreadPerTaskExecutor(factory));
    }

    // ---- blocking calls that would not wake up on kill -----------------------------------

    public static void lock(Lock lock, SipContext context) {
        boolean interrupted = false;
        while (true) {
            try {
                lock.lockInterruptibly();
                break;
            } catch (InterruptedException e) {
                interrupted = unwindIfKilled(context);
            }
        }
        restoreInterrupt(interrupted);
    }

    public static void awaitUninterruptibly(Condition condition, SipContext context) {
        try {
            condition.await();
        } catch (InterruptedException e) {
            // a spurious wake-up is allowed by await's contract
            restoreInterrupt(unwindIfKilled(context));
        }
    }

    public static void acquireUninterruptibly(Semaphore semaphore, SipContext context) {
        acquireUninterruptibly(semaphore, 1, context);
    }

    public static void acquireUninterruptibly(Semaphore semaphore, int permits, SipContext context) {
        boolean interrupted = false;
        while (true) {
            try {
                semaphore.acquire(permits);
                break;
            } catch (InterruptedException e) {
                interrupted = unwindIfKilled(context);
            }
        }
        restoreInterrupt(interrupted);
    }

    public static int awaitAdvance(Phaser phaser, int phase, SipContext context) {
        boolean interrupted = false;
        int arrived;
        while (true) {
            try {
                arrived = phaser.awaitAdvanceInterruptibly(phase);
                break;
            } catch (InterruptedException e) {
                interrupted = unwindIfKilled(context);
            }
        }
        restoreInterrupt(interrupted);
        return arrived;
    }

    public static Object join(CompletableFuture<?> future, SipContext context) {
        boolean interrupted = false;
        while (!future.isDone()) {
            try {
                future.get();
            } catch (InterruptedException e) {
                interrupted = unwindIfKilled(context);
            } catch (Exception completed) {
                break; // join() below reports the outcome exactly as the JDK does
            }
        }
        restoreInterrupt(interrupted);
        return future.join();
    }

    /**
     * An uninterruptible call was interrupted: unwind if the SIP is dying; otherwise the caller
     * keeps waiting and sets the interrupt flag again on return, as the JDK's own methods do.
     */
    private static boolean unwindIfKilled(SipContext context) {
        if (context.stopping()) {
            throw context.killed();
        }
        return true;
    }

    private static void restoreInterrupt(boolean interrupted) {
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- identity operations on objects other SIPs can also hold ------------------------

    public static Object checkMonitor(Object object) {
        if (SharedObjects.isShared(object)) {
            throw new IllegalMonitorStateException(SharedObjects.describe(object)
                    + " can be shared with other SIPs; a SIP may not lock, wait on or notify it");
        }
        return object;
    }

    public static void wait(Object object) throws InterruptedException {
        checkMonitor(object).wait();
    }

    public static void wait(Object object, long millis) throws InterruptedException {
        checkMonitor(object).wait(millis);
    }

    public static void wait(Object object, long millis, int nanos) throws InterruptedException {
        checkMonitor(object).wait(millis, nanos);
    }

    public static void notify(Object object) {
        checkMonitor(object).notify();
    }

    public static void notifyAll(Object object) {
        checkMonitor(object).notifyAll();
    }

    public static int identityHashCode(Object object) {
        if (object != null && SharedObjects.isShared(object)) {
            throw new UnsupportedOperationException(SharedObjects.describe(object)
                    + " can be shared with other SIPs; a SIP may not read its identity hash");
        }
        return System.identityHashCode(object);
    }
}
