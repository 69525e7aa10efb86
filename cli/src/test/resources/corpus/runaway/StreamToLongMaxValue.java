import java.util.stream.LongStream;

/** Runaway: a stream over every long, summed by the JDK alone (no lambda of the program's runs). */
public class StreamToLongMaxValue {
    public static void main(String[] args) {
        System.out.println("running");
        System.out.println(LongStream.range(0, Long.MAX_VALUE).sum());
    }
}
