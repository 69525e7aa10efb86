// expect exit 137
/** getCause makes a new cause every time it is asked: the chain never ends (killed for time or for memory). */
public class EndlessCauses {
    static class Evil extends RuntimeException {
        @Override
        public synchronized Throwable getCause() {
            return new Evil();
        }
    }

    public static void main(String[] args) {
        System.out.println("running");
        throw new Evil();
    }
}
