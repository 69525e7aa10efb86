package singj.installer.surface;

/**
 * The JDK's raw memory accessors ({@code Unsafe}, {@code VarHandle}): pure natives that read and
 * write the object passed as their first argument. A write through one into a shared object is
 * a write to JVM-wide state, exactly like a {@code putfield} on it.
 */
final class MemoryAccess {
    private MemoryAccess() {}

    /** Whether calls on {@code owner} read and write their arguments rather than the receiver (a handle, {@code Unsafe}). */
    static boolean actsOnArguments(String owner) {
        return switch (owner) {
            case "java/lang/invoke/MethodHandle", "java/lang/invoke/VarHandle", "jdk/internal/misc/Unsafe",
                 "sun/misc/Unsafe" -> true;
            default -> false;
        };
    }

    static boolean writesThroughArgument(String owner, String name) {
        return switch (owner) {
            case "jdk/internal/misc/Unsafe", "sun/misc/Unsafe" -> name.startsWith("put") || name.startsWith("compareAndSet")
                    || name.startsWith("compareAndExchange") || name.startsWith("getAndSet")
                    || name.startsWith("getAndAdd") || name.startsWith("getAndBitwise") || name.startsWith("weakCompareAndSet");
            case "java/lang/invoke/VarHandle" -> name.startsWith("set") || name.startsWith("compareAndSet")
                    || name.startsWith("compareAndExchange") || name.startsWith("getAndSet") || name.startsWith("getAndAdd")
                    || name.startsWith("getAndBitwise") || name.startsWith("weakCompareAndSet");
            default -> false;
        };
    }
}
