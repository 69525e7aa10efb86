package singj.apps.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;

/** Prints its arguments, then copies standard input to standard output, numbering the lines. */
public class Echo {
    public static void main(String[] args) throws IOException {
        System.out.println("args: " + String.join(" ", args));
        if (args.length > 0 && args[0].equals("--no-stdin")) {
            return;
        }
        var in = new BufferedReader(new InputStreamReader(System.in));
        int number = 0;
        for (String line; (line = in.readLine()) != null; ) {
            System.out.printf("%3d  %s%n", ++number, line);
        }
        System.err.println("echo: " + number + " lines");
    }
}
