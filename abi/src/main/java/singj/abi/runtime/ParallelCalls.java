package singj.abi.runtime;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.Function;
import java.util.function.IntBinaryOperator;
import java.util.function.IntFunction;
import java.util.function.IntToDoubleFunction;
import java.util.function.IntToLongFunction;
import java.util.function.IntUnaryOperator;
import java.util.function.LongBinaryOperator;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;
import java.util.function.ToIntBiFunction;
import java.util.function.ToIntFunction;
import java.util.function.ToLongBiFunction;
import java.util.function.ToLongFunction;

/**
 * The JDK's other parallel bulk operations, as sealed code calls them: {@code Arrays.parallelSort},
 * {@code parallelSetAll} and {@code parallelPrefix}, and the {@code ConcurrentHashMap} operations
 * that take a parallelism threshold. Each runs as a task of the SIP's own pool ({@link SipPools}),
 * so that the subtasks it forks stay there instead of going to the JVM-wide common pool.
 * {@code RedirectsTest} checks that every such method of the JDK is here.
 */
public final class ParallelCalls {
    private ParallelCalls() {}

    // ---- java.util.Arrays

    @StaticOf(Arrays.class)
    public static void parallelPrefix(double[] array, int fromIndex, int toIndex, DoubleBinaryOperator op,
            SipContext context) {
        SipPools.run(() -> Arrays.parallelPrefix(array, fromIndex, toIndex, op), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelPrefix(double[] array, DoubleBinaryOperator op, SipContext context) {
        SipPools.run(() -> Arrays.parallelPrefix(array, op), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelPrefix(int[] array, int fromIndex, int toIndex, IntBinaryOperator op,
            SipContext context) {
        SipPools.run(() -> Arrays.parallelPrefix(array, fromIndex, toIndex, op), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelPrefix(int[] array, IntBinaryOperator op, SipContext context) {
        SipPools.run(() -> Arrays.parallelPrefix(array, op), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelPrefix(long[] array, int fromIndex, int toIndex, LongBinaryOperator op,
            SipContext context) {
        SipPools.run(() -> Arrays.parallelPrefix(array, fromIndex, toIndex, op), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelPrefix(long[] array, LongBinaryOperator op, SipContext context) {
        SipPools.run(() -> Arrays.parallelPrefix(array, op), context);
    }

    @StaticOf(Arrays.class)
    public static <T> void parallelPrefix(T[] array, int fromIndex, int toIndex, BinaryOperator<T> op,
            SipContext context) {
        SipPools.run(() -> Arrays.parallelPrefix(array, fromIndex, toIndex, op), context);
    }

    @StaticOf(Arrays.class)
    public static <T> void parallelPrefix(T[] array, BinaryOperator<T> op, SipContext context) {
        SipPools.run(() -> Arrays.parallelPrefix(array, op), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSetAll(double[] array, IntToDoubleFunction generator, SipContext context) {
        SipPools.run(() -> Arrays.parallelSetAll(array, generator), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSetAll(int[] array, IntUnaryOperator generator, SipContext context) {
        SipPools.run(() -> Arrays.parallelSetAll(array, generator), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSetAll(long[] array, IntToLongFunction generator, SipContext context) {
        SipPools.run(() -> Arrays.parallelSetAll(array, generator), context);
    }

    @StaticOf(Arrays.class)
    public static <T> void parallelSetAll(T[] array, IntFunction<? extends T> generator, SipContext context) {
        SipPools.run(() -> Arrays.parallelSetAll(array, generator), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSort(byte[] array, int fromIndex, int toIndex, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array, fromIndex, toIndex), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSort(byte[] array, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSort(char[] array, int fromIndex, int toIndex, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array, fromIndex, toIndex), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSort(char[] array, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSort(double[] array, int fromIndex, int toIndex, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array, fromIndex, toIndex), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSort(double[] array, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSort(float[] array, int fromIndex, int toIndex, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array, fromIndex, toIndex), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSort(float[] array, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSort(int[] array, int fromIndex, int toIndex, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array, fromIndex, toIndex), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSort(int[] array, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSort(long[] array, int fromIndex, int toIndex, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array, fromIndex, toIndex), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSort(long[] array, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array), context);
    }

    @StaticOf(Arrays.class)
    public static <T extends Comparable<? super T>> void parallelSort(T[] array, int fromIndex, int toIndex,
            SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array, fromIndex, toIndex), context);
    }

    @StaticOf(Arrays.class)
    public static <T extends Comparable<? super T>> void parallelSort(T[] array, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array), context);
    }

    @StaticOf(Arrays.class)
    public static <T> void parallelSort(T[] array, int fromIndex, int toIndex, Comparator<? super T> comparator,
            SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array, fromIndex, toIndex, comparator), context);
    }

    @StaticOf(Arrays.class)
    public static <T> void parallelSort(T[] array, Comparator<? super T> comparator, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array, comparator), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSort(short[] array, int fromIndex, int toIndex, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array, fromIndex, toIndex), context);
    }

    @StaticOf(Arrays.class)
    public static void parallelSort(short[] array, SipContext context) {
        SipPools.run(() -> Arrays.parallelSort(array), context);
    }

    // ---- java.util.concurrent.ConcurrentHashMap, the bulk operations with a parallelism threshold

    public static <K, V> void forEach(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            BiConsumer<? super K, ? super V> action, SipContext context) {
        SipPools.run(() -> map.forEach(parallelismThreshold, action), context);
    }

    public static <K, V, U> void forEach(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            BiFunction<? super K, ? super V, ? extends U> transformer, Consumer<? super U> action, SipContext context) {
        SipPools.run(() -> map.forEach(parallelismThreshold, transformer, action), context);
    }

    public static <K, V> void forEachEntry(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            Consumer<? super Map.Entry<K, V>> action, SipContext context) {
        SipPools.run(() -> map.forEachEntry(parallelismThreshold, action), context);
    }

    public static <K, V, U> void forEachEntry(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            Function<Map.Entry<K, V>, ? extends U> transformer, Consumer<? super U> action, SipContext context) {
        SipPools.run(() -> map.forEachEntry(parallelismThreshold, transformer, action), context);
    }

    public static <K, V> void forEachKey(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            Consumer<? super K> action, SipContext context) {
        SipPools.run(() -> map.forEachKey(parallelismThreshold, action), context);
    }

    public static <K, V, U> void forEachKey(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            Function<? super K, ? extends U> transformer, Consumer<? super U> action, SipContext context) {
        SipPools.run(() -> map.forEachKey(parallelismThreshold, transformer, action), context);
    }

    public static <K, V> void forEachValue(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            Consumer<? super V> action, SipContext context) {
        SipPools.run(() -> map.forEachValue(parallelismThreshold, action), context);
    }

    public static <K, V, U> void forEachValue(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            Function<? super V, ? extends U> transformer, Consumer<? super U> action, SipContext context) {
        SipPools.run(() -> map.forEachValue(parallelismThreshold, transformer, action), context);
    }

    public static <K, V, U> U reduce(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            BiFunction<? super K, ? super V, ? extends U> transformer,
            BiFunction<? super U, ? super U, ? extends U> reducer, SipContext context) {
        return SipPools.call(() -> map.reduce(parallelismThreshold, transformer, reducer), context);
    }

    public static <K, V> Map.Entry<K, V> reduceEntries(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            BiFunction<Map.Entry<K, V>, Map.Entry<K, V>, ? extends Map.Entry<K, V>> reducer, SipContext context) {
        return SipPools.call(() -> map.reduceEntries(parallelismThreshold, reducer), context);
    }

    public static <K, V, U> U reduceEntries(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            Function<Map.Entry<K, V>, ? extends U> transformer, BiFunction<? super U, ? super U, ? extends U> reducer,
            SipContext context) {
        return SipPools.call(() -> map.reduceEntries(parallelismThreshold, transformer, reducer), context);
    }

    public static <K, V> double reduceEntriesToDouble(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            ToDoubleFunction<Map.Entry<K, V>> transformer, double basis, DoubleBinaryOperator reducer,
            SipContext context) {
        return SipPools.call(() -> map.reduceEntriesToDouble(parallelismThreshold, transformer, basis, reducer),
                context);
    }

    public static <K, V> int reduceEntriesToInt(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            ToIntFunction<Map.Entry<K, V>> transformer, int basis, IntBinaryOperator reducer, SipContext context) {
        return SipPools.call(() -> map.reduceEntriesToInt(parallelismThreshold, transformer, basis, reducer), context);
    }

    public static <K, V> long reduceEntriesToLong(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            ToLongFunction<Map.Entry<K, V>> transformer, long basis, LongBinaryOperator reducer, SipContext context) {
        return SipPools.call(() -> map.reduceEntriesToLong(parallelismThreshold, transformer, basis, reducer), context);
    }

    public static <K, V> K reduceKeys(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            BiFunction<? super K, ? super K, ? extends K> reducer, SipContext context) {
        return SipPools.call(() -> map.reduceKeys(parallelismThreshold, reducer), context);
    }

    public static <K, V, U> U reduceKeys(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            Function<? super K, ? extends U> transformer, BiFunction<? super U, ? super U, ? extends U> reducer,
            SipContext context) {
        return SipPools.call(() -> map.reduceKeys(parallelismThreshold, transformer, reducer), context);
    }

    public static <K, V> double reduceKeysToDouble(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            ToDoubleFunction<? super K> transformer, double basis, DoubleBinaryOperator reducer, SipContext context) {
        return SipPools.call(() -> map.reduceKeysToDouble(parallelismThreshold, transformer, basis, reducer), context);
    }

    public static <K, V> int reduceKeysToInt(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            ToIntFunction<? super K> transformer, int basis, IntBinaryOperator reducer, SipContext context) {
        return SipPools.call(() -> map.reduceKeysToInt(parallelismThreshold, transformer, basis, reducer), context);
    }

    public static <K, V> long reduceKeysToLong(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            ToLongFunction<? super K> transformer, long basis, LongBinaryOperator reducer, SipContext context) {
        return SipPools.call(() -> map.reduceKeysToLong(parallelismThreshold, transformer, basis, reducer), context);
    }

    public static <K, V> double reduceToDouble(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            ToDoubleBiFunction<? super K, ? super V> transformer, double basis, DoubleBinaryOperator reducer,
            SipContext context) {
        return SipPools.call(() -> map.reduceToDouble(parallelismThreshold, transformer, basis, reducer), context);
    }

    public static <K, V> int reduceToInt(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            ToIntBiFunction<? super K, ? super V> transformer, int basis, IntBinaryOperator reducer,
            SipContext context) {
        return SipPools.call(() -> map.reduceToInt(parallelismThreshold, transformer, basis, reducer), context);
    }

    public static <K, V> long reduceToLong(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            ToLongBiFunction<? super K, ? super V> transformer, long basis, LongBinaryOperator reducer,
            SipContext context) {
        return SipPools.call(() -> map.reduceToLong(parallelismThreshold, transformer, basis, reducer), context);
    }

    public static <K, V> V reduceValues(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            BiFunction<? super V, ? super V, ? extends V> reducer, SipContext context) {
        return SipPools.call(() -> map.reduceValues(parallelismThreshold, reducer), context);
    }

    public static <K, V, U> U reduceValues(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            Function<? super V, ? extends U> transformer, BiFunction<? super U, ? super U, ? extends U> reducer,
            SipContext context) {
        return SipPools.call(() -> map.reduceValues(parallelismThreshold, transformer, reducer), context);
    }

    public static <K, V> double reduceValuesToDouble(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            ToDoubleFunction<? super V> transformer, double basis, DoubleBinaryOperator reducer, SipContext context) {
        return SipPools.call(() -> map.reduceValuesToDouble(parallelismThreshold, transformer, basis, reducer),
                context);
    }

    public static <K, V> int reduceValuesToInt(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            ToIntFunction<? super V> transformer, int basis, IntBinaryOperator reducer, SipContext context) {
        return SipPools.call(() -> map.reduceValuesToInt(parallelismThreshold, transformer, basis, reducer), context);
    }

    public static <K, V> long reduceValuesToLong(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            ToLongFunction<? super V> transformer, long basis, LongBinaryOperator reducer, SipContext context) {
        return SipPools.call(() -> map.reduceValuesToLong(parallelismThreshold, transformer, basis, reducer), context);
    }

    public static <K, V, U> U search(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            BiFunction<? super K, ? super V, ? extends U> searchFunction, SipContext context) {
        return SipPools.call(() -> map.search(parallelismThreshold, searchFunction), context);
    }

    public static <K, V, U> U searchEntries(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            Function<Map.Entry<K, V>, ? extends U> searchFunction, SipContext context) {
        return SipPools.call(() -> map.searchEntries(parallelismThreshold, searchFunction), context);
    }

    public static <K, V, U> U searchKeys(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            Function<? super K, ? extends U> searchFunction, SipContext context) {
        return SipPools.call(() -> map.searchKeys(parallelismThreshold, searchFunction), context);
    }

    public static <K, V, U> U searchValues(ConcurrentHashMap<K, V> map, long parallelismThreshold,
            Function<? super V, ? extends U> searchFunction, SipContext context) {
        return SipPools.call(() -> map.searchValues(parallelismThreshold, searchFunction), context);
    }
}
