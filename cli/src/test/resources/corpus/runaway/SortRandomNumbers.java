import java.util.Arrays;
import java.util.Random;

/** Runaway: sorts of 12 million random numbers, each most of a second inside the JDK, again and again. */
public class SortRandomNumbers {
    public static void main(String[] args) {
        Random random = new Random(42);
        int[] numbers = new int[12_000_000];
        for (int i = 0; i < numbers.length; i++) {
            numbers[i] = random.nextInt();
        }
        System.out.println("running");
        while (true) {
            int[] copy = numbers.clone();
            Arrays.sort(copy);
        }
    }
}
