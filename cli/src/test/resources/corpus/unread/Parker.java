import singj.abi.Endpoint;
import singj.abi.QuotaExceededException;
import singj.abi.Sip;

/**
 * Tries to park args[1] MiB of messages in the queues of /service/sink, which never reads them:
 * sixteen notes of 1 MiB on each channel it opens, each a fresh string (args[0] "fresh") or one
 * string sent again and again ("same"). When the kernel refuses a send it says so, and then keeps
 * trying until it is killed (or, "same", its census finds its string and what waits over its quota).
 */
public class Parker {
    private static final int CHARS = 1 << 19; // of two bytes each: not Latin-1
    private static String one;
    private static boolean fresh;

    public static void main(String[] args) throws InterruptedException {
        fresh = args[0].equals("fresh");
        long goal = Long.parseLong(args[1]) << 20;
        one = fresh ? null : "\u0100".repeat(CHARS); // fresh: it holds nothing but what waits unread
        long sent = 0;
        Endpoint<Park> last = null;
        try {
            while (sent < goal) {
                last = Sip.open("/service/sink", Park.class);
                for (int i = 0; i < 16; i++) {
                    last.send(new Park.Note(text()));
                    sent += 1 << 20;
                }
            }
            System.out.println("parked " + (sent >> 20) + " MiB");
        } catch (QuotaExceededException e) {
            System.out.println("refused after " + (sent >> 20) + " MiB: " + e.getMessage());
        }
        System.out.flush();
        while (true) {
            try {
                last.send(new Park.Note(text()));
                System.out.println("sent past the limit");
            } catch (QuotaExceededException again) {
                // fresh: each try makes a new 1 MiB string, which with what waits would put it over
                // its quota if a census came while it is on the stack: seldom, so that it is the refusal
                // the test sees, not a kill for memory
                Thread.sleep(fresh ? 1000 : 1);
            }
        }
    }

    private static String text() {
        return fresh ? "\u0101".repeat(CHARS) : one;
    }
}
