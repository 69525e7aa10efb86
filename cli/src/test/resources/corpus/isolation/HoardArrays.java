import java.util.ArrayList;
import java.util.List;

/** Keeps every 1 MiB array it allocates: its live heap grows without bound. */
public class HoardArrays {
    public static void main(String[] args) {
        List<byte[]> hoard = new ArrayList<>();
        while (true) {
            byte[] chunk = new byte[1 << 20];
            chunk[hoard.size() % chunk.length] = 1;
            hoard.add(chunk);
            if (hoard.size() % 16 == 0) {
                System.out.println("holding " + hoard.size() + " MiB");
            }
        }
    }
}
