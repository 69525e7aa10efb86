// expect [common-pool] java.util.stream.IntStream.parallel
// IntStream redeclares parallel(), so the call does not resolve to BaseStream.parallel.
import java.util.stream.IntStream;

public class PrimitiveParallelStream {
    public static void main(String[] args) {
        System.out.println(IntStream.range(0, 1000).parallel().sum());
    }
}
