// StreamSupport.stream(spliterator, true) is a parallel stream without calling parallel().
import java.util.List;
import java.util.stream.StreamSupport;

public class ParallelStreamSupport {
    public static void main(String[] args) {
        System.out.println(StreamSupport.stream(List.of(1, 2, 3).spliterator(), true).count());
    }
}
