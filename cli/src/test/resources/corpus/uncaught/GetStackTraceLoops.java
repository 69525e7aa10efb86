// expect exit 137
// expect err its uncaught GetStackTraceLoops$Evil took more than 2s to print
/** A virtual thread throws an exception whose getStackTrace never returns (the kernel reads it to hide its own frames). */
public class GetStackTraceLoops {
    static class Evil extends RuntimeException {
        @Override
        public StackTraceElement[] getStackTrace() {
            for (;;) {
                Thread.onSpinWait();
            }
        }
    }

    public static void main(String[] args) throws Exception {
        System.out.println("running");
        Thread.ofVirtual().start(() -> {
            throw new Evil();
        }).join();
    }
}
