import java.util.concurrent.Semaphore;

/** Runaway: acquireUninterruptibly() on a semaphore with no permits. */
public class AcquireUninterruptibly {
    public static void main(String[] args) {
        Semaphore none = new Semaphore(0);
        System.out.println("running");
        while (true) {
            none.acquireUninterruptibly();
        }
    }
}
