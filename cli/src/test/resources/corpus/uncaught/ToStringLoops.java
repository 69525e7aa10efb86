// expect exit 137
// expect err its uncaught ToStringLoops$Evil took more than 2s to print
/** main throws an exception whose toString never returns. */
public class ToStringLoops {
    static class Evil extends RuntimeException {
        @Override
        public String toString() {
            long n = 0;
            while (true) {
                n++;
            }
        }
    }

    public static void main(String[] args) {
        System.out.println("running");
        throw new Evil();
    }
}
