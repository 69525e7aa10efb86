package singj.abi.runtime;

import java.util.DoubleSummaryStatistics;
import java.util.IntSummaryStatistics;
import java.util.Iterator;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.PrimitiveIterator;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.Comparator;
import java.util.function.BiConsumer;
import java.util.function.BiFunction;
import java.util.function.BinaryOperator;
import java.util.function.Consumer;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleConsumer;
import java.util.function.DoublePredicate;
import java.util.function.IntBinaryOperator;
import java.util.function.IntConsumer;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;
import java.util.function.LongBinaryOperator;
import java.util.function.LongConsumer;
import java.util.function.LongPredicate;
import java.util.function.ObjDoubleConsumer;
import java.util.function.ObjIntConsumer;
import java.util.function.ObjLongConsumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.BaseStream;
import java.util.stream.Collector;
import java.util.stream.DoubleStream;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * Every terminal operation of a stream, as sealed code calls it: on a parallel stream it runs in
 * the SIP's own pool ({@link SipPools}), where the tasks the stream forks stay, instead of forking
 * them onto the JVM-wide common pool; a sequential stream runs on the caller, untouched. A stream
 * becomes parallel in many ways ({@code parallelStream()}, {@code parallel()},
 * {@code StreamSupport.stream(..., true)}, {@code Stream.concat} of a parallel stream, JDK
 * collections that return one), so the check is made where the work starts, the terminal
 * operation, whatever made the stream. {@code RedirectsTest} checks that every terminal operation
 * of the JDK's stream types is here.
 *
 * <p>{@code iterator()} and {@code spliterator()} of a parallel pipeline return a spliterator that
 * evaluates the pipeline's stateful stages ({@code sorted}, {@code distinct}, ...) when it is
 * first used, on whatever thread uses it: here that evaluation is made at once, in the pool.
 */
public final class StreamCalls {
    private StreamCalls() {}

    // ---- iterators and spliterators: the lazy parallel evaluation is forced in the pool ----

    public static <T, S extends BaseStream<T, S>> Iterator<T> iterator(BaseStream<T, S> stream, SipContext context) {
        if (!stream.isParallel()) {
            return stream.iterator();
        }
        Spliterator<T> evaluated = evaluated(stream, context);
        return Spliterators.iterator(evaluated);
    }

    public static <T, S extends BaseStream<T, S>> Spliterator<T> spliterator(BaseStream<T, S> stream,
            SipContext context) {
        return stream.isParallel() ? evaluated(stream, context) : stream.spliterator();
    }

    public static PrimitiveIterator.OfInt iterator(IntStream stream, SipContext context) {
        if (!stream.isParallel()) {
            return stream.iterator();
        }
        Spliterator.OfInt evaluated = evaluated(stream, context);
        return Spliterators.iterator(evaluated);
    }

    public static Spliterator.OfInt spliterator(IntStream stream, SipContext context) {
        return stream.isParallel() ? evaluated(stream, context) : stream.spliterator();
    }

    public static PrimitiveIterator.OfLong iterator(LongStream stream, SipContext context) {
        if (!stream.isParallel()) {
            return stream.iterator();
        }
        Spliterator.OfLong evaluated = evaluated(stream, context);
        return Spliterators.iterator(evaluated);
    }

    public static Spliterator.OfLong spliterator(LongStream stream, SipContext context) {
        return stream.isParallel() ? evaluated(stream, context) : stream.spliterator();
    }

    public static PrimitiveIterator.OfDouble iterator(DoubleStream stream, SipContext context) {
        if (!stream.isParallel()) {
            return stream.iterator();
        }
        Spliterator.OfDouble evaluated = evaluated(stream, context);
        return Spliterators.iterator(evaluated);
    }

    public static Spliterator.OfDouble spliterator(DoubleStream stream, SipContext context) {
        return stream.isParallel() ? evaluated(stream, context) : stream.spliterator();
    }

    /** The stream's spliterator, its pipeline already evaluated up to its last stateful stage. */
    @SuppressWarnings("unchecked")
    private static <P extends Spliterator<?>> P evaluated(BaseStream<?, ?> stream, SipContext context) {
        return SipPools.call(() -> {
            Spliterator<?> spliterator = stream.spliterator();
            spliterator.estimateSize(); // the first use of a wrapping spliterator runs the stateful stages
            return (P) spliterator;
        }, context);
    }

    // ---- Stream.concat: the JDK takes the spliterators of its operands, lazily evaluated ----

    @StaticOf(Stream.class)
    public static <T> Stream<T> concat(Stream<? extends T> a, Stream<? extends T> b, SipContext context) {
        if (!a.isParallel() && !b.isParallel()) {
            return Stream.concat(a, b);
        }
        return Stream.concat(detached(a, context), detached(b, context));
    }

    @StaticOf(IntStream.class)
    public static IntStream concat(IntStream a, IntStream b, SipContext context) {
        if (!a.isParallel() && !b.isParallel()) {
            return IntStream.concat(a, b);
        }
        return IntStream.concat(detached(a, context), detached(b, context));
    }

    @StaticOf(LongStream.class)
    public static LongStream concat(LongStream a, LongStream b, SipContext context) {
        if (!a.isParallel() && !b.isParallel()) {
            return LongStream.concat(a, b);
        }
        return LongStream.concat(detached(a, context), detached(b, context));
    }

    @StaticOf(DoubleStream.class)
    public static DoubleStream concat(DoubleStream a, DoubleStream b, SipContext context) {
        if (!a.isParallel() && !b.isParallel()) {
            return DoubleStream.concat(a, b);
        }
        return DoubleStream.concat(detached(a, context), detached(b, context));
    }

    /**
     * A parallel operand as a new parallel stream over its evaluated spliterator: the concatenation
     * may be made sequential, and its terminal operation would then run the operand's parallel
     * stages on the caller's thread, outside any pool of the SIP. Closing it closes the operand.
     */
    private static <T> Stream<T> detached(Stream<T> stream, SipContext context) {
        if (!stream.isParallel()) {
            return stream;
        }
        Spliterator<T> spliterator = evaluated(stream, context);
        return StreamSupport.stream(spliterator, true).onClose(stream::close);
    }

    private static IntStream detached(IntStream stream, SipContext context) {
        if (!stream.isParallel()) {
            return stream;
        }
        Spliterator.OfInt spliterator = evaluated(stream, context);
        return StreamSupport.intStream(spliterator, true).onClose(stream::close);
    }

    private static LongStream detached(LongStream stream, SipContext context) {
        if (!stream.isParallel()) {
            return stream;
        }
        Spliterator.OfLong spliterator = evaluated(stream, context);
        return StreamSupport.longStream(spliterator, true).onClose(stream::close);
    }

    private static DoubleStream detached(DoubleStream stream, SipContext context) {
        if (!stream.isParallel()) {
            return stream;
        }
        Spliterator.OfDouble spliterator = evaluated(stream, context);
        return StreamSupport.doubleStream(spliterator, true).onClose(stream::close);
    }

    // ---- Stream

    public static <T> boolean allMatch(Stream<T> stream, Predicate<? super T> predicate, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.allMatch(predicate), context)
                : stream.allMatch(predicate);
    }

    public static <T> boolean anyMatch(Stream<T> stream, Predicate<? super T> predicate, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.anyMatch(predicate), context)
                : stream.anyMatch(predicate);
    }

    public static <T, R> R collect(Stream<T> stream, Supplier<R> supplier, BiConsumer<R, ? super T> accumulator,
            BiConsumer<R, R> combiner, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.collect(supplier, accumulator, combiner), context)
                : stream.collect(supplier, accumulator, combiner);
    }

    public static <T, R, A> R collect(Stream<T> stream, Collector<? super T, A, R> collector, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.collect(collector), context)
                : stream.collect(collector);
    }

    public static <T> long count(Stream<T> stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.count(), context) : stream.count();
    }

    public static <T> Optional<T> findAny(Stream<T> stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.findAny(), context) : stream.findAny();
    }

    public static <T> Optional<T> findFirst(Stream<T> stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.findFirst(), context) : stream.findFirst();
    }

    public static <T> void forEach(Stream<T> stream, Consumer<? super T> action, SipContext context) {
        if (stream.isParallel()) {
            SipPools.run(() -> stream.forEach(action), context);
        } else {
            stream.forEach(action);
        }
    }

    public static <T> void forEachOrdered(Stream<T> stream, Consumer<? super T> action, SipContext context) {
        if (stream.isParallel()) {
            SipPools.run(() -> stream.forEachOrdered(action), context);
        } else {
            stream.forEachOrdered(action);
        }
    }

    public static <T> Optional<T> max(Stream<T> stream, Comparator<? super T> comparator, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.max(comparator), context) : stream.max(comparator);
    }

    public static <T> Optional<T> min(Stream<T> stream, Comparator<? super T> comparator, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.min(comparator), context) : stream.min(comparator);
    }

    public static <T> boolean noneMatch(Stream<T> stream, Predicate<? super T> predicate, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.noneMatch(predicate), context)
                : stream.noneMatch(predicate);
    }

    public static <T, U> U reduce(Stream<T> stream, U identity, BiFunction<U, ? super T, U> accumulator,
            BinaryOperator<U> combiner, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.reduce(identity, accumulator, combiner), context)
                : stream.reduce(identity, accumulator, combiner);
    }

    public static <T> T reduce(Stream<T> stream, T identity, BinaryOperator<T> accumulator, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.reduce(identity, accumulator), context)
                : stream.reduce(identity, accumulator);
    }

    public static <T> Optional<T> reduce(Stream<T> stream, BinaryOperator<T> accumulator, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.reduce(accumulator), context)
                : stream.reduce(accumulator);
    }

    public static <T> Object[] toArray(Stream<T> stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.toArray(), context) : stream.toArray();
    }

    public static <T, A> A[] toArray(Stream<T> stream, IntFunction<A[]> generator, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.toArray(generator), context)
                : stream.toArray(generator);
    }

    public static <T> List<T> toList(Stream<T> stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.toList(), context) : stream.toList();
    }

    // ---- IntStream

    public static boolean allMatch(IntStream stream, IntPredicate predicate, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.allMatch(predicate), context)
                : stream.allMatch(predicate);
    }

    public static boolean anyMatch(IntStream stream, IntPredicate predicate, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.anyMatch(predicate), context)
                : stream.anyMatch(predicate);
    }

    public static OptionalDouble average(IntStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.average(), context) : stream.average();
    }

    public static <R> R collect(IntStream stream, Supplier<R> supplier, ObjIntConsumer<R> accumulator,
            BiConsumer<R, R> combiner, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.collect(supplier, accumulator, combiner), context)
                : stream.collect(supplier, accumulator, combiner);
    }

    public static long count(IntStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.count(), context) : stream.count();
    }

    public static OptionalInt findAny(IntStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.findAny(), context) : stream.findAny();
    }

    public static OptionalInt findFirst(IntStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.findFirst(), context) : stream.findFirst();
    }

    public static void forEach(IntStream stream, IntConsumer action, SipContext context) {
        if (stream.isParallel()) {
            SipPools.run(() -> stream.forEach(action), context);
        } else {
            stream.forEach(action);
        }
    }

    public static void forEachOrdered(IntStream stream, IntConsumer action, SipContext context) {
        if (stream.isParallel()) {
            SipPools.run(() -> stream.forEachOrdered(action), context);
        } else {
            stream.forEachOrdered(action);
        }
    }

    public static OptionalInt max(IntStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.max(), context) : stream.max();
    }

    public static OptionalInt min(IntStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.min(), context) : stream.min();
    }

    public static boolean noneMatch(IntStream stream, IntPredicate predicate, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.noneMatch(predicate), context)
                : stream.noneMatch(predicate);
    }

    public static int reduce(IntStream stream, int identity, IntBinaryOperator accumulator, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.reduce(identity, accumulator), context)
                : stream.reduce(identity, accumulator);
    }

    public static OptionalInt reduce(IntStream stream, IntBinaryOperator accumulator, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.reduce(accumulator), context)
                : stream.reduce(accumulator);
    }

    public static int sum(IntStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.sum(), context) : stream.sum();
    }

    public static IntSummaryStatistics summaryStatistics(IntStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.summaryStatistics(), context)
                : stream.summaryStatistics();
    }

    public static int[] toArray(IntStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.toArray(), context) : stream.toArray();
    }

    // ---- LongStream

    public static boolean allMatch(LongStream stream, LongPredicate predicate, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.allMatch(predicate), context)
                : stream.allMatch(predicate);
    }

    public static boolean anyMatch(LongStream stream, LongPredicate predicate, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.anyMatch(predicate), context)
                : stream.anyMatch(predicate);
    }

    public static OptionalDouble average(LongStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.average(), context) : stream.average();
    }

    public static <R> R collect(LongStream stream, Supplier<R> supplier, ObjLongConsumer<R> accumulator,
            BiConsumer<R, R> combiner, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.collect(supplier, accumulator, combiner), context)
                : stream.collect(supplier, accumulator, combiner);
    }

    public static long count(LongStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.count(), context) : stream.count();
    }

    public static OptionalLong findAny(LongStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.findAny(), context) : stream.findAny();
    }

    public static OptionalLong findFirst(LongStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.findFirst(), context) : stream.findFirst();
    }

    public static void forEach(LongStream stream, LongConsumer action, SipContext context) {
        if (stream.isParallel()) {
            SipPools.run(() -> stream.forEach(action), context);
        } else {
            stream.forEach(action);
        }
    }

    public static void forEachOrdered(LongStream stream, LongConsumer action, SipContext context) {
        if (stream.isParallel()) {
            SipPools.run(() -> stream.forEachOrdered(action), context);
        } else {
            stream.forEachOrdered(action);
        }
    }

    public static OptionalLong max(LongStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.max(), context) : stream.max();
    }

    public static OptionalLong min(LongStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.min(), context) : stream.min();
    }

    public static boolean noneMatch(LongStream stream, LongPredicate predicate, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.noneMatch(predicate), context)
                : stream.noneMatch(predicate);
    }

    public static OptionalLong reduce(LongStream stream, LongBinaryOperator accumulator, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.reduce(accumulator), context)
                : stream.reduce(accumulator);
    }

    public static long reduce(LongStream stream, long identity, LongBinaryOperator accumulator, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.reduce(identity, accumulator), context)
                : stream.reduce(identity, accumulator);
    }

    public static long sum(LongStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.sum(), context) : stream.sum();
    }

    public static LongSummaryStatistics summaryStatistics(LongStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.summaryStatistics(), context)
                : stream.summaryStatistics();
    }

    public static long[] toArray(LongStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.toArray(), context) : stream.toArray();
    }

    // ---- DoubleStream

    public static boolean allMatch(DoubleStream stream, DoublePredicate predicate, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.allMatch(predicate), context)
                : stream.allMatch(predicate);
    }

    public static boolean anyMatch(DoubleStream stream, DoublePredicate predicate, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.anyMatch(predicate), context)
                : stream.anyMatch(predicate);
    }

    public static OptionalDouble average(DoubleStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.average(), context) : stream.average();
    }

    public static <R> R collect(DoubleStream stream, Supplier<R> supplier, ObjDoubleConsumer<R> accumulator,
            BiConsumer<R, R> combiner, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.collect(supplier, accumulator, combiner), context)
                : stream.collect(supplier, accumulator, combiner);
    }

    public static long count(DoubleStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.count(), context) : stream.count();
    }

    public static OptionalDouble findAny(DoubleStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.findAny(), context) : stream.findAny();
    }

    public static OptionalDouble findFirst(DoubleStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.findFirst(), context) : stream.findFirst();
    }

    public static void forEach(DoubleStream stream, DoubleConsumer action, SipContext context) {
        if (stream.isParallel()) {
            SipPools.run(() -> stream.forEach(action), context);
        } else {
            stream.forEach(action);
        }
    }

    public static void forEachOrdered(DoubleStream stream, DoubleConsumer action, SipContext context) {
        if (stream.isParallel()) {
            SipPools.run(() -> stream.forEachOrdered(action), context);
        } else {
            stream.forEachOrdered(action);
        }
    }

    public static OptionalDouble max(DoubleStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.max(), context) : stream.max();
    }

    public static OptionalDouble min(DoubleStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.min(), context) : stream.min();
    }

    public static boolean noneMatch(DoubleStream stream, DoublePredicate predicate, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.noneMatch(predicate), context)
                : stream.noneMatch(predicate);
    }

    public static double reduce(DoubleStream stream, double identity, DoubleBinaryOperator accumulator,
            SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.reduce(identity, accumulator), context)
                : stream.reduce(identity, accumulator);
    }

    public static OptionalDouble reduce(DoubleStream stream, DoubleBinaryOperator accumulator, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.reduce(accumulator), context)
                : stream.reduce(accumulator);
    }

    public static double sum(DoubleStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.sum(), context) : stream.sum();
    }

    public static DoubleSummaryStatistics summaryStatistics(DoubleStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.summaryStatistics(), context)
                : stream.summaryStatistics();
    }

    public static double[] toArray(DoubleStream stream, SipContext context) {
        return stream.isParallel() ? SipPools.call(() -> stream.toArray(), context) : stream.toArray();
    }
}
