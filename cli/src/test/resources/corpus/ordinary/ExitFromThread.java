import java.util.*;
import java.util.concurrent.*;

/** System.exit(42) from a non-main thread while main is blocked: the whole program ends with 42. */
public class ExitFromThread {
    public static void main(String[] args) throws Exception {
        for (int i = 0; i < 10; i++) {
            System.out.println("main working " + i);
        }
        CountDownLatch never = new CountDownLatch(1);
        Thread exiter = new Thread(() -> {
            System.out.println("worker decides to exit");
            System.exit(42);
        }, "exiter");
        exiter.start();
        never.await();
        System.out.println("main must never get here");
    }
}
