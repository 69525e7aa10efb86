import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Grows a JDK collection to 100 million entries: every object is allocated by JDK code (the boxes
 * by Integer.valueOf, the backing arrays by Arrays.copyOf, the nodes by HashMap.putVal), none by
 * a `new` in this program. args[0] is "list" or "map".
 */
public class GrowJdkCollection {
    public static void main(String[] args) {
        System.out.println("growing");
        int size;
        if (args[0].equals("map")) {
            Map<Integer, Integer> map = new HashMap<>();
            for (int i = 0; i < 100_000_000; i++) {
                map.put(i, i);
            }
            size = map.size();
        } else {
            List<Integer> list = new ArrayList<>();
            for (int i = 0; i < 100_000_000; i++) {
                list.add(i);
            }
            size = list.size();
        }
        System.out.println("held " + size + " entries");
    }
}
