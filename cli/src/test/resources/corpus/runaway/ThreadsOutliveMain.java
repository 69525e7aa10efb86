/** Runaway: main returns, leaving non-daemon platform threads that spin. */
public class ThreadsOutliveMain {
    static volatile long turns;

    public static void main(String[] args) {
        for (int i = 0; i < 3; i++) {
            new Thread(() -> {
                while (true) {
                    turns++;
                }
            }, "spinner-" + i).start();
        }
        System.out.println("running");
    }
}
