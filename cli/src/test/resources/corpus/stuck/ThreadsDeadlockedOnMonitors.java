/** Not a runaway but stuck: two threads each holding the monitor the other waits for. */
public class ThreadsDeadlockedOnMonitors {
    static final Object LEFT = new Object();
    static final Object RIGHT = new Object();

    static void both(Object first, Object second) {
        synchronized (first) {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (second) {
                System.out.println("never");
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Thread one = new Thread(() -> both(LEFT, RIGHT));
        Thread other = new Thread(() -> both(RIGHT, LEFT));
        one.start();
        other.start();
        System.out.println("running");
        one.join();
    }
}
