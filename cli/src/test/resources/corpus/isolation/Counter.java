import java.io.BufferedReader;
import java.io.InputStreamReader;

/** Static state and class initialisation, to show that two SIPs of one program share neither. */
public class Counter {
    static int initialisations;
    static int count;

    static {
        initialisations++;
        count = 100;
    }

    public static int count() {
        return count;
    }

    public static int initialisations() {
        return initialisations;
    }

    public static void main(String[] args) throws Exception {
        int steps = Integer.parseInt(args[0]);
        for (int i = 0; i < steps; i++) {
            count++;
        }
        System.out.println("count=" + count + " initialisations=" + initialisations);
        new BufferedReader(new InputStreamReader(System.in)).readLine(); // stay alive until told
        System.out.println("bye from " + System.getProperty("singj.pid"));
    }
}
