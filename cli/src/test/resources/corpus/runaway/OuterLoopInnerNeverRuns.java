/**
 * Runaway: a loop whose only check is the outer loop's (its inner loop never runs a trip), which
 * the JIT compiles to nothing until the kill deoptimises it.
 */
public class OuterLoopInnerNeverRuns {
    public static void main(String[] args) {
        System.out.println("running");
        long sum = 0;
        while (sum >= 0) {
            for (int i = 0; i < args.length; i++) {
                sum += args[i].length();
            }
            sum = sum * 31 + 7 & 0xffff;
        }
        System.out.println(sum);
    }
}
