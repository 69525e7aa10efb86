import java.util.*;

/** System.exit(0) while a non-daemon thread is still running: exit ends it too. */
public class ExitZeroWithThreads {
    public static void main(String[] args) throws Exception {
        Object started = new Object();
        boolean[] running = {false};
        Thread busy = new Thread(() -> {
            synchronized (started) {
                running[0] = true;
                started.notifyAll();
            }
            while (true) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    // keeps going: only exit stops it
                }
            }
        }, "busy");
        busy.start();
        synchronized (started) {
            while (!running[0]) started.wait();
        }
        StringBuilder report = new StringBuilder();
        for (int i = 0; i < 10; i++) {
            report.append("report line ").append(i).append(" busy alive=").append(busy.isAlive()).append('\n');
        }
        System.out.print(report);
        Runtime.getRuntime().exit(0);
    }
}
