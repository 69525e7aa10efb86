/** Runaway: Object.wait() in a loop that swallows every interrupt; nobody ever notifies. */
public class WaitSwallowingInterrupts {
    public static void main(String[] args) {
        Object monitor = new Object();
        System.out.println("running");
        synchronized (monitor) {
            while (true) {
                try {
                    monitor.wait();
                } catch (InterruptedException ignored) {
                    // wait again
                }
            }
        }
    }
}
