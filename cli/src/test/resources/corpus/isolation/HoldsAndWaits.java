import java.util.ArrayList;
import java.util.List;

/** Allocates args[0] MiB in 1 MiB arrays, keeps them, says so, and waits to be killed. */
public class HoldsAndWaits {
    public static void main(String[] args) throws InterruptedException {
        List<byte[]> kept = new ArrayList<>();
        for (int i = 0; i < Integer.parseInt(args[0]); i++) {
            kept.add(new byte[1 << 20]);
        }
        System.out.println("holding " + kept.size() + " MiB");
        Thread.sleep(Long.MAX_VALUE);
    }
}
