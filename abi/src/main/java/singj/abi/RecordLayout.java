package singj.abi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Objects;

/**
 * How a record of primitives lies flat in a {@link Block}: its components one after another, each
 * at its natural size, in declaration order, with no padding and no header. For arrays of records
 * in a block, the i-th record lies at {@code i * size()}.
 *
 * <pre>{@code
 * record Point(int x, int y, double weight) {}
 * RecordLayout<Point> points = RecordLayout.of(Point.class);   // 16 bytes each
 * Block block = Sip.allocate(points.size() * 1000);
 * points.put(block, 7, new Point(1, 2, 0.5));
 * Point p = points.get(block, 7);
 * }</pre>
 *
 * @param <R> the record type
 */
public final class RecordLayout<R extends Record> {
    private static final ClassValue<RecordLayout<?>> LAYOUTS = new ClassValue<>() {
        @Override
        protected RecordLayout<?> computeValue(Class<?> type) {
            return new RecordLayout<>(type.asSubclass(Record.class));
        }
    };

    private final Class<R> type;
    private final Class<?>[] kinds;
    private final long[] offsets;
    private final long size;
    private final MethodHandle[] accessors;
    private final MethodHandle constructor;

    private RecordLayout(Class<R> type) {
        this.type = type;
        RecordComponent[] components = type.getRecordComponents();
        if (components == null) {
            throw new IllegalArgumentException(type.getName() + " is not a record");
        }
        kinds = new Class<?>[components.length];
        offsets = new long[components.length];
        accessors = new MethodHandle[components.length];
        long at = 0;
        try {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            for (int i = 0; i < components.length; i++) {
                Class<?> kind = components[i].getType();
                if (!kind.isPrimitive()) {
                    throw new IllegalArgumentException(type.getName() + "." + components[i].getName() + " is a "
                            + kind.getName() + ": a record in a block holds only primitives");
                }
                kinds[i] = kind;
                offsets[i] = at;
                at += bytes(kind);
                accessors[i] = lookup.unreflect(components[i].getAccessor()).asType(MethodType.methodType(Object.class, Object.class));
            }
            constructor = lookup.findConstructor(type, MethodType.methodType(void.class, kinds))
                    .asSpreader(Object[].class, kinds.length).asType(MethodType.methodType(Object.class, Object[].class));
        } catch (IllegalAccessException | NoSuchMethodException e) {
            throw new IllegalArgumentException(type.getName() + " must be a public record to lie in a block: " + e.getMessage());
        }
        size = at;
    }

    /** The layout of {@code type}, a public record whose components are all primitives. */
    @SuppressWarnings("unchecked")
    public static <R extends Record> RecordLayout<R> of(Class<R> type) {
        return (RecordLayout<R>) LAYOUTS.get(Objects.requireNonNull(type));
    }

    /** Bytes one record takes. */
    public long size() {
        return size;
    }

    /** Writes {@code record} as the {@code index}-th record of {@code block}. */
    public void put(Block block, long index, R record) {
        long base = Math.multiplyExact(index, size);
        try {
            for (int i = 0; i < kinds.length; i++) {
                write(block, base + offsets[i], kinds[i], (Object) accessors[i].invokeExact((Object) record));
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /** Reads the {@code index}-th record of {@code block}. */
    public R get(Block block, long index) {
        long base = Math.multiplyExact(index, size);
        Object[] values = new Object[kinds.length];
        for (int i = 0; i < kinds.length; i++) {
            values[i] = read(block, base + offsets[i], kinds[i]);
        }
        try {
            return type.cast((Object) constructor.invokeExact(values));
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return "RecordLayout[" + type.getName() + ", " + size + " bytes, " + Arrays.toString(offsets) + "]";
    }

    private static long bytes(Class<?> kind) {
        if (kind == long.class || kind == double.class) {
            return 8;
        }
        if (kind == int.class || kind == float.class) {
            return 4;
        }
        if (kind == short.class || kind == char.class) {
            return 2;
        }
        return 1; // byte, boolean
    }

    private static void write(Block block, long at, Class<?> kind, Object value) {
        switch (value) {
            case Integer v -> block.putInt(at, v);
            case Long v -> block.putLong(at, v);
            case Double v -> block.putDouble(at, v);
            case Float v -> block.putFloat(at, v);
            case Short v -> block.putShort(at, v);
            case Character v -> block.putChar(at, v);
            case Byte v -> block.putByte(at, v);
            case Boolean v -> block.putByte(at, (byte) (v ? 1 : 0));
            default -> throw new IllegalStateException("not a primitive: " + kind);
        }
    }

    private static Object read(Block block, long at, Class<?> kind) {
        if (kind == int.class) {
            return block.getInt(at);
        } else if (kind == long.class) {
            return block.getLong(at);
        } else if (kind == double.class) {
            return block.getDouble(at);
        } else if (kind == float.class) {
            return block.getFloat(at);
        } else if (kind == short.class) {
            return block.getShort(at);
        } else if (kind == char.class) {
            return block.getChar(at);
        } else if (kind == byte.class) {
            return block.getByte(at);
        }
        return block.getByte(at) != 0;
    }
}
