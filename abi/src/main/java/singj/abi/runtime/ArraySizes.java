package singj.abi.runtime;

/** Heap size estimates of arrays, for memory accounting (64-bit JVM, compressed oops). */
public final class ArraySizes {
    private static final int HEADER = 16;
    private static final int REFERENCE = 4;

    private ArraySizes() {}

    public static long bytes(Object array) {
        return switch (array) {
            case byte[] a -> HEADER + a.length;
            case boolean[] a -> HEADER + a.length;
            case char[] a -> HEADER + 2L * a.length;
            case short[] a -> HEADER + 2L * a.length;
            case int[] a -> HEADER + 4L * a.length;
            case float[] a -> HEADER + 4L * a.length;
            case long[] a -> HEADER + 8L * a.length;
            case double[] a -> HEADER + 8L * a.length;
            case Object[] a -> {
                long total = HEADER + (long) REFERENCE * a.length;
                // a multi-dimensional array was allocated in one instruction: count its rows too
                if (a.getClass().getComponentType().isArray()) {
                    for (Object row : a) {
                        if (row != null) {
                            total += bytes(row);
                        }
                    }
                }
                yield total;
            }
            default -> HEADER;
        };
    }
}
