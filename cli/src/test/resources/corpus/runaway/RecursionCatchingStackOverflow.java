/** Runaway: unbounded recursion that catches StackOverflowError and recurses again, forever. */
public class RecursionCatchingStackOverflow {
    static long calls;

    static void recurse(int depth) {
        calls++;
        try {
            recurse(depth + 1);
        } catch (StackOverflowError overflow) {
            recurse(depth + 1);
        }
    }

    public static void main(String[] args) {
        System.out.println("running");
        while (true) {
            try {
                recurse(0);
            } catch (StackOverflowError overflow) {
                calls = 0;
            }
        }
    }
}
