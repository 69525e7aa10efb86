import java.util.ArrayList;
import java.util.List;

/** Keeps every megabyte it allocates, and swallows OutOfMemoryError if it gets one. */
public class Hoarder {
    public static void main(String[] args) {
        List<Object> kept = new ArrayList<>();
        System.out.println("hoarding");
        while (true) {
            try {
                if (args.length > 0 && args[0].equals("small")) {
                    kept.add(new long[] {kept.size()}); // many small objects
                } else {
                    kept.add(new byte[1 << 20]);
                }
            } catch (OutOfMemoryError swallowed) {
                kept.clear();
            }
        }
    }
}
