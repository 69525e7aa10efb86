/**
 * Runaway: recursion without a loop (the warm-up loop ends first), so that only the checks on
 * method entry can stop it; by the time of the kill the JIT has compiled them away, and they come
 * back by deoptimisation. fib(90) takes longer than the universe has.
 */
public class ExponentialRecursion {
    static long fib(int n) {
        return n < 2 ? n : fib(n - 1) + fib(n - 2);
    }

    public static void main(String[] args) {
        long warm = 0;
        for (int i = 0; i < 20; i++) {
            warm += fib(25); // long enough for the JIT to compile fib, checks folded away
        }
        System.out.println("running");
        System.out.println(fib(90) + warm);
    }
}
