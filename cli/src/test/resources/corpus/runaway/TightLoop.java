/** Runaway: an empty loop that never calls anything. */
public class TightLoop {
    public static void main(String[] args) {
        System.out.println("running");
        while (true) { }
    }
}
