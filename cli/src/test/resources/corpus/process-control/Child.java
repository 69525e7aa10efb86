import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

/** Started by Launcher through the process manager: prints its arguments and its input, and exits with the number of arguments. */
public class Child {
    public static void main(String[] args) throws IOException {
        for (String arg : args) {
            System.out.println("arg [" + arg + "]");
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
        for (String line = in.readLine(); line != null; line = in.readLine()) {
            System.out.println("read " + line.toUpperCase());
        }
        System.exit(args.length);
    }
}
