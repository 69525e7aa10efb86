// expect exit 0
/**
 * The program's own uncaught-exception handler throws an exception whose toString never returns,
 * on a platform thread and on a virtual one: the JVM drops what a handler throws, and nothing
 * of it may run on a thread of the kernel.
 */
public class HandlerThrowsEvil {
    static class Evil extends RuntimeException {
        @Override
        public String toString() {
            while (true) {
                Thread.onSpinWait();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("running");
        Thread.UncaughtExceptionHandler handler = (thread, e) -> {
            throw new Evil();
        };
        Thread platform = new Thread(() -> {
            throw new IllegalStateException("first");
        });
        platform.setUncaughtExceptionHandler(handler);
        platform.start();
        platform.join();
        Thread virtual = Thread.ofVirtual().uncaughtExceptionHandler(handler).unstarted(() -> {
            throw new IllegalStateException("second");
        });
        virtual.start();
        virtual.join();
        System.out.println("main: done");
    }
}
