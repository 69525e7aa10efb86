// expect [common-pool] java.util.Collection.parallelStream
// expect [common-pool] java.util.stream.BaseStream.parallel
import java.util.List;
import java.util.stream.Stream;

public class ParallelStreams {
    public static void main(String[] args) {
        System.out.println(List.of(1, 2, 3).parallelStream().mapToInt(i -> i).sum());
        System.out.println(Stream.of(1, 2, 3).parallel().count());
    }
}
