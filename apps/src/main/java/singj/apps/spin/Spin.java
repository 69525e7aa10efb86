package singj.apps.spin;

/** A runaway program: spins forever, swallowing every Throwable. Try `run spin &` then `kill`. */
public class Spin {
    public static void main(String[] args) {
        System.out.println("spinning; kill me");
        long turns = 0;
        while (true) {
            try {
                while (true) {
                    turns++;
                }
            } catch (Throwable caught) {
                System.out.println("caught " + caught + " after " + turns + " turns; spinning on");
            }
        }
    }
}
