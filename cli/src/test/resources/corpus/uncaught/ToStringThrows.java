// expect exit 1
// expect err Exception in thread "main" 
// expect err singj: printing this ToStringThrows$Evil failed: its code threw java.lang.IllegalStateException
/** toString throws: the SIP still ends as an uncaught exception ends it, and nothing escapes to the host. */
public class ToStringThrows {
    static class Evil extends RuntimeException {
        @Override
        public String toString() {
            throw new IllegalStateException("not telling");
        }
    }

    public static void main(String[] args) {
        System.out.println("running");
        throw new Evil();
    }
}
