import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

/** Runaway: take() on a queue nobody fills, swallowing every interrupt. */
public class TakeFromEmptyQueue {
    public static void main(String[] args) {
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        System.out.println("running");
        while (true) {
            try {
                queue.take();
            } catch (InterruptedException ignored) {
                // take again
            }
        }
    }
}
