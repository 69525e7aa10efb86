// expect exit 1
// expect err singj: the rest of this HugeMessage$Evil was cut: it printed more than 1024 KiB
/** An exception with an 8 MB message: printed up to the limit, then cut. */
public class HugeMessage {
    static class Evil extends RuntimeException {
        @Override
        public String getMessage() {
            return "x".repeat(8 << 20);
        }
    }

    public static void main(String[] args) {
        System.out.println("running");
        throw new Evil();
    }
}
