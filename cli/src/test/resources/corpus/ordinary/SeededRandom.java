import java.util.*;
import java.util.random.*;
import java.util.stream.*;

/** Seeded pseudo-random numbers are deterministic: a small simulation, shuffles, and streams of randoms. */
public class SeededRandom {
    public static void main(String[] args) {
        Random random = new Random(42);
        System.out.println("ints " + IntStream.range(0, 8).map(i -> random.nextInt(100)).boxed().toList());
        System.out.println("long " + random.nextLong() + " double " + random.nextDouble() + " boolean " + random.nextBoolean()
                + " gaussian " + random.nextGaussian());
        List<String> deck = new ArrayList<>();
        for (String suit : List.of("S", "H", "D", "C")) for (String rank : List.of("A", "K", "Q", "J", "10")) deck.add(rank + suit);
        Collections.shuffle(deck, new Random(7));
        System.out.println("shuffled " + deck);
        Random dice = new Random(2024);
        int[] histogram = new int[13];
        for (int i = 0; i < 6000; i++) histogram[dice.nextInt(6) + dice.nextInt(6) + 2]++;
        for (int total = 2; total <= 12; total++) {
            System.out.printf(Locale.ROOT, "%2d %4d %s%n", total, histogram[total], "*".repeat(histogram[total] / 40));
        }
        SplittableRandom split = new SplittableRandom(99);
        System.out.println("splittable " + split.nextInt(1000) + " " + split.split().nextInt(1000) + " " + split.nextLong(5, 10));
        RandomGenerator generator = RandomGeneratorFactory.of("L64X128MixRandom").create(123);
        System.out.println("L64X128MixRandom " + generator.ints(5, 0, 50).boxed().toList());
        double walk = 0;
        Random steps = new Random(1);
        StringBuilder trace = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            walk += steps.nextBoolean() ? 1 : -1;
            trace.append(String.format(Locale.ROOT, "%+.0f ", walk));
        }
        System.out.println("random walk " + trace.toString().trim());
        System.out.println("doubles " + new Random(5).doubles(3).mapToObj(d -> String.format(Locale.ROOT, "%.6f", d)).toList());
        Random monteCarlo = new Random(31337);
        int inside = 0;
        int samples = 200_000;
        for (int i = 0; i < samples; i++) {
            double x = monteCarlo.nextDouble(), y = monteCarlo.nextDouble();
            if (x * x + y * y <= 1) inside++;
        }
        System.out.println("pi estimate " + 4.0 * inside / samples);
        System.out.println("UUID from bytes " + UUID.nameUUIDFromBytes("singj".getBytes(java.nio.charset.StandardCharsets.UTF_8))
                + " parsed " + UUID.fromString("123e4567-e89b-12d3-a456-426614174000").version());
    }
}
