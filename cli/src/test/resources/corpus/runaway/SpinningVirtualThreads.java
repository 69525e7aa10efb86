import java.util.ArrayList;
import java.util.List;

/** Runaway: virtual threads that spin, and a main thread that joins them, swallowing interrupts. */
public class SpinningVirtualThreads {
    static volatile long turns;

    public static void main(String[] args) {
        List<Thread> threads = new ArrayList<>();
        Runnable spin = () -> {
            while (true) {
                turns++;
            }
        };
        threads.add(Thread.startVirtualThread(spin));
        threads.add(Thread.ofVirtual().start(spin));
        System.out.println("running");
        for (Thread thread : threads) {
            while (true) {
                try {
                    thread.join();
                    break;
                } catch (InterruptedException ignored) {
                    // join again
                }
            }
        }
    }
}
