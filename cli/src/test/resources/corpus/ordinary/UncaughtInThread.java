/** An exception escapes a non-main thread: its report goes to stderr, main continues and exits 0. */
public class UncaughtInThread {
    public static void main(String[] args) throws Exception {
        Thread failing = new Thread(() -> {
            System.out.println("worker starting");
            throw new UnsupportedOperationException("worker gave up");
        }, "failing-worker");
        failing.start();
        failing.join();
        for (int i = 0; i < 10; i++) {
            System.out.println("main continues " + i + ", worker alive=" + failing.isAlive());
        }
        Thread handled = new Thread(() -> {
            throw new IllegalArgumentException("handled by own handler");
        }, "handled-worker");
        handled.setUncaughtExceptionHandler((t, e) -> System.out.println("handler got " + e.getMessage() + " from " + t.getName()));
        handled.start();
        handled.join();
        System.out.println("main done");
    }
}
