// IntStream redeclares parallel() and sum(): its terminal operations run in the SIP's own pool too.
import java.util.stream.IntStream;

public class PrimitiveParallelStream {
    public static void main(String[] args) {
        System.out.println(IntStream.range(0, 1000).parallel().sum());
    }
}
