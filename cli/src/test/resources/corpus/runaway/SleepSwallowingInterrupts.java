/** Runaway: sleeps in a loop and swallows every interrupt. */
public class SleepSwallowingInterrupts {
    public static void main(String[] args) {
        System.out.println("running");
        while (true) {
            try {
                Thread.sleep(60_000);
            } catch (InterruptedException ignored) {
                // keep sleeping
            }
        }
    }
}
