// expect exit 137
// expect err its uncaught GetMessageLoopsInThread$Evil took more than 2s to print
/** Another thread throws an exception whose getMessage (which the default toString asks) never returns. */
public class GetMessageLoopsInThread {
    static class Evil extends RuntimeException {
        @Override
        public String getMessage() {
            while (true) {
                Thread.onSpinWait();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("running");
        Thread thread = new Thread(() -> {
            throw new Evil();
        });
        thread.start();
        thread.join();
    }
}
