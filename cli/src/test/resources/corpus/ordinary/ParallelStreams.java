// Once refused: a parallel stream's terminal operation runs in the SIP's own pool.
import java.util.List;
import java.util.stream.Stream;

public class ParallelStreams {
    public static void main(String[] args) {
        System.out.println(List.of(1, 2, 3).parallelStream().mapToInt(i -> i).sum());
        System.out.println(Stream.of(1, 2, 3).parallel().count());
    }
}
