package singj.kernel.isolate;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.concurrent.locks.LockSupport;
import singj.kernel.sched.SipThreadScheduler;

/**
 * Linux futexes on a 32-bit word of a shared mapping, through {@code syscall(SYS_futex, ...)}
 * (docs/isolation.md, "Lanes"). Not {@code FUTEX_PRIVATE_FLAG}: the waiter and the waker are two
 * processes mapping the same file, and only a shared futex is keyed by the page, not the address.
 *
 * <p>A wait blocks the calling thread in the kernel of the OS: on a virtual thread it pins its
 * carrier, so a virtual thread waits here only where the JDK's scheduler can be told to add a
 * carrier meanwhile ({@link #mayWait}).
 */
final class Futex {
    /** {@code __NR_futex} on x86-64 and on arm64 (98); other architectures fall back to the socket. */
    private static final long SYS_FUTEX = switch (System.getProperty("os.arch")) {
        case "amd64", "x86_64" -> 202;
        case "aarch64" -> 98;
        default -> -1;
    };
    private static final long FUTEX_WAIT = 0;
    private static final long FUTEX_WAKE = 1;

    /** {@code long syscall(long number, ...)}; every argument passed as a 64-bit value, as the kernel reads them. */
    private static final MethodHandle SYSCALL = SYS_FUTEX < 0 || !System.getProperty("os.name").equals("Linux") ? null
            : Linker.nativeLinker().downcallHandle(Linker.nativeLinker().defaultLookup().find("syscall").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG,
                            ValueLayout.JAVA_LONG, ValueLayout.ADDRESS, ValueLayout.ADDRESS, ValueLayout.JAVA_LONG),
                    Linker.Option.firstVariadicArg(1));

    /**
     * {@code jdk.internal.misc.Blocker.begin()} and {@code end(boolean)}: the JDK's own mark
     * around a call that blocks a virtual thread's carrier (its file I/O uses it), on which the
     * scheduler adds a carrier for the time of the call. Null unless the JVM exports the package
     * to SingJ (a process SIP's JVM does: {@link ChildCommand}); then virtual threads do not wait here.
     */
    private static final MethodHandle[] BLOCKER = blocker();

    private Futex() {}

    private static MethodHandle[] blocker() {
        try {
            Class<?> blocker = Class.forName("jdk.internal.misc.Blocker");
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            return new MethodHandle[] {
                lookup.findStatic(blocker, "begin", MethodType.methodType(boolean.class)),
                lookup.findStatic(blocker, "end", MethodType.methodType(void.class, boolean.class))
            };
        } catch (ReflectiveOperationException | RuntimeException notExported) {
            return null;
        }
    }

    /** Whether the calling thread may wait here: a platform thread, or a virtual one whose carrier the scheduler replaces. */
    static boolean mayWait() {
        return !Thread.currentThread().isVirtual() || BLOCKER != null;
    }

    /** Whether this JVM can use futexes (Linux on x86-64 or arm64). */
    static boolean available() {
        return SYSCALL != null;
    }

    /**
     * Sleeps while the word at {@code offset} of {@code memory} holds {@code expected}, at most
     * {@code timeoutNanos}; returns at once if it does not. Returns on a wake, a timeout, a signal
     * or a spurious wake-up alike: the caller looks at the word again.
     */
    static void await(MemorySegment memory, long offset, int expected, long timeoutNanos) {
        boolean virtual = Thread.currentThread().isVirtual();
        // the kernel's SIP threads run on SingJ's carrier pool, which adds a spare for a carrier
        // marked blocked; a child's on the JDK's scheduler, which Blocker tells
        boolean jdkMarked = false;
        Object poolMarked = null;
        try (Arena arena = Arena.ofConfined()) {
            if (virtual && BLOCKER != null) {
                jdkMarked = (boolean) BLOCKER[0].invokeExact();
            } else if (virtual) {
                poolMarked = SipThreadScheduler.beginBlocking();
                if (poolMarked == null) {
                    // a scheduler that cannot be told (the JDK's, in the kernel's JVM): hold no
                    // carrier; look again within a millisecond instead
                    LockSupport.parkNanos(Math.min(timeoutNanos, 1_000_000L));
                    return;
                }
            }
            MemorySegment timeout = arena.allocate(ValueLayout.JAVA_LONG, 2);
            timeout.setAtIndex(ValueLayout.JAVA_LONG, 0, timeoutNanos / 1_000_000_000L);
            timeout.setAtIndex(ValueLayout.JAVA_LONG, 1, timeoutNanos % 1_000_000_000L);
            long ignored = (long) SYSCALL.invokeExact(SYS_FUTEX, memory.asSlice(offset, 4), FUTEX_WAIT, expected & 0xffffffffL,
                    timeout, MemorySegment.NULL, 0L);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        } finally {
            if (virtual && BLOCKER != null) {
                endBlocking(jdkMarked);
            } else if (virtual) {
                SipThreadScheduler.endBlocking(poolMarked);
            }
        }
    }

    private static void endBlocking(boolean compensated) {
        try {
            BLOCKER[1].invokeExact(compensated);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }

    /** Wakes every thread of either process sleeping on the word at {@code offset} of {@code memory}. */
    static void wakeAll(MemorySegment memory, long offset) {
        try {
            long ignored = (long) SYSCALL.invokeExact(SYS_FUTEX, memory.asSlice(offset, 4), FUTEX_WAKE, (long) Integer.MAX_VALUE,
                    MemorySegment.NULL, MemorySegment.NULL, 0L);
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable impossible) {
            throw new IllegalStateException(impossible);
        }
    }
}
