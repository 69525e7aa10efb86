package singj.installer.surface;

/**
 * The JDK's raw memory accessors ({@code Unsafe}, {@code VarHandle}): pure natives that read and
 * write the object passed as their first argument. A write through one into a shared object is
 * a write to JVM-wide state, exactly like a {@code putfield} on it.
 */
final class MemoryAccess {
    private MemoryAccess() {}

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
