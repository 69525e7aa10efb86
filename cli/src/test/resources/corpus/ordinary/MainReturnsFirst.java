import java.util.*;

/** main returns while a non-daemon thread still works: the program lives on until it ends; a daemon thread does not keep it alive. */
public class MainReturnsFirst {
    public static void main(String[] args) {
        Thread daemon = new Thread(() -> {
            try {
                Thread.sleep(30_000);
                System.out.println("the daemon thread must not print");
            } catch (InterruptedException e) {
                System.out.println("the daemon thread must not be interrupted either");
            }
        }, "sleepy-daemon");
        daemon.setDaemon(true);
        daemon.start();
        Thread worker = new Thread(() -> {
            try {
                Thread.sleep(150);
            } catch (InterruptedException e) {
                System.out.println("interrupted?!");
            }
            for (int i = 0; i < 10; i++) {
                System.out.println("worker line " + i + " after main returned");
            }
            System.out.print("worker's last words without newline");
        }, "late-worker");
        worker.start();
        System.out.println("main returns now; worker daemon=" + worker.isDaemon() + " daemon thread daemon=" + daemon.isDaemon());
    }
}
