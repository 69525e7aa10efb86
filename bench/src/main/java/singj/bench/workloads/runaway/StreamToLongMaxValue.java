package singj.bench.workloads.runaway;

import java.util.stream.LongStream;

/** A stream over every long up to Long.MAX_VALUE: the loop is the JDK's, for centuries. */
public final class StreamToLongMaxValue {
    private StreamToLongMaxValue() {}

    public static void main(String[] args) {
        System.out.println("running");
        System.out.println("sum: " + LongStream.range(0, Long.MAX_VALUE).sum());
    }
}
