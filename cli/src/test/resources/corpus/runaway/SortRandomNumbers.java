import java.util.Arrays;
import java.util.Random;

/** Runaway: sorts of 20 million random numbers, each a second or more inside the JDK, again and again. */
public class SortRandomNumbers {
    public static void main(String[] args) {
        int[] numbers = new Random(42).ints(20_000_000).toArray();
        System.out.println("running");
        while (true) {
            int[] copy = numbers.clone();
            Arrays.sort(copy);
        }
    }
}
