package singj.bench.workloads.runaway;

import java.util.Arrays;
import java.util.Random;

/** Sorts 20 million random ints again and again: each sort is a second or more inside the JDK. */
public final class SortRandomNumbers {
    private SortRandomNumbers() {}

    public static void main(String[] args) {
        int[] numbers = new Random(42).ints(20_000_000).toArray();
        System.out.println("running");
        while (true) {
            int[] copy = numbers.clone();
            Arrays.sort(copy);
        }
    }
}
