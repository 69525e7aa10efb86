/** Counts steadily to args[0], one line every 10 ms, then exits with args[1]. */
public class SteadyCounter {
    public static void main(String[] args) throws InterruptedException {
        int to = Integer.parseInt(args[0]);
        long sum = 0;
        for (int i = 1; i <= to; i++) {
            sum += i;
            System.out.println("count " + i + " sum " + sum);
            Thread.sleep(10);
        }
        System.exit(Integer.parseInt(args[1]));
    }
}
