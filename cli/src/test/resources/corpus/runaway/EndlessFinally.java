/** Runaway: the kill unwinds out of the loop into a finally block that loops forever. */
public class EndlessFinally {
    static long turns;

    public static void main(String[] args) {
        System.out.println("running");
        try {
            while (true) {
                turns++;
            }
        } finally {
            while (true) {
                turns--;
            }
        }
    }
}
