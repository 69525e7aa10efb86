import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * An attacker who has read docs/memory.md. First it makes a lot of garbage, so that judgments
 * that found nothing but garbage raise its trigger as far as they go; then it watches for the
 * JVM's collections (a weakly held canary is cleared by each) and keeps 2 MiB right after each
 * one, making garbage in between, so that what it keeps is as young as possible when the next
 * collection looks. It never stops growing.
 */
public class TimedHoarder {
    public static void main(String[] args) {
        long checksum = 0;
        for (int i = 0; i < 2048; i++) { // 2 GiB of garbage in 1 MiB arrays
            byte[] garbage = new byte[1 << 20];
            garbage[i] = (byte) i;
            checksum += garbage[i];
        }
        List<long[]> kept = new ArrayList<>();
        WeakReference<Object> canary = new WeakReference<>(new Object());
        for (long round = 0; ; round++) {
            if (canary.get() == null) { // a collection just ran: keep 2 MiB now
                for (int i = 0; i < 256; i++) {
                    kept.add(new long[1024]);
                }
                canary = new WeakReference<>(new Object());
            } else {
                long[] garbage = new long[512];
                garbage[(int) (round & 511)] = round;
                checksum += garbage[(int) ((round + 1) & 511)];
            }
            if (round % 10_000_000 == 0) {
                System.out.println("keeping " + kept.size() / 128 + " MiB, " + checksum);
            }
        }
    }
}
