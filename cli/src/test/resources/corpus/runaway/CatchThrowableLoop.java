/** Runaway: catches every Throwable around the loop (the kill included, if it could) and loops again. */
public class CatchThrowableLoop {
    static long turns;

    public static void main(String[] args) {
        System.out.println("running");
        while (true) {
            try {
                while (true) {
                    turns++;
                }
            } catch (Throwable caught) {
                turns = 0;
            }
        }
    }
}
