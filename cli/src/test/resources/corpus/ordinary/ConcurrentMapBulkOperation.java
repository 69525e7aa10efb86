// The bulk operations with a parallelism threshold ran on the JVM-wide common pool; they run on the SIP's own.
import java.util.concurrent.ConcurrentHashMap;

public class ConcurrentMapBulkOperation {
    public static void main(String[] args) {
        var map = new ConcurrentHashMap<Integer, Integer>();
        for (int i = 0; i < 1000; i++) {
            map.put(i, i);
        }
        var sum = new java.util.concurrent.atomic.AtomicLong();
        map.forEach(1, (key, value) -> sum.addAndGet(key));
        System.out.println(sum.get());
    }
}
