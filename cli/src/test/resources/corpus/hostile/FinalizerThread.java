// expect-class [finalizer] finalize()
// finalize() runs on the JVM's finalizer thread, which the kernel neither sees nor stops.
public class FinalizerThread {
    static volatile long turns;

    @Override
    @SuppressWarnings("removal")
    protected void finalize() {
        while (true) {
            turns++;
        }
    }

    public static void main(String[] args) {
        for (int i = 0; i < 1000; i++) {
            new FinalizerThread();
        }
    }
}
