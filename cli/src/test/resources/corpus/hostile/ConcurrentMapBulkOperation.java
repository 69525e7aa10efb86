// expect [common-pool] java.util.concurrent.ConcurrentHashMap.forEach
// The bulk operations with a parallelism threshold run on the JVM-wide common pool.
import java.util.concurrent.ConcurrentHashMap;

public class ConcurrentMapBulkOperation {
    public static void main(String[] args) {
        var map = new ConcurrentHashMap<Integer, Integer>();
        for (int i = 0; i < 1000; i++) {
            map.put(i, i);
        }
        map.forEach(1, (key, value) -> System.out.println(key));
    }
}
