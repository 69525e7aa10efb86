import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Keeps what JDK code allocates for it, in pieces below the size the installer announces:
 * args[0] is "repeat" (String.repeat), "copyOf" (Arrays.copyOf of a small array, grown a little
 * each time) or "builder" (StringBuilder.toString). No `new` of this program allocates the bytes.
 */
public class JdkMadeStrings {
    public static void main(String[] args) {
        List<Object> kept = new ArrayList<>();
        long[] seed = {1, 2, 3};
        StringBuilder builder = new StringBuilder();
        for (int i = 0; i < 50_000_000; i++) {
            switch (args[0]) {
                case "repeat" -> kept.add("x".repeat(1000 + i % 7));
                case "copyOf" -> kept.add(Arrays.copyOf(seed, 100 + i % 13));
                default -> {
                    builder.setLength(0);
                    builder.append(i).append(':').append("y".repeat(200)).append(i * 31L);
                    kept.add(builder.toString());
                }
            }
        }
        System.out.println("held " + kept.size());
    }
}
