import java.io.BufferedReader;
import java.io.InputStreamReader;

/** Reads one line of its input, answers, and ends: what it leaves unread belongs to whoever reads next. */
public class ReadOneLine {
    public static void main(String[] args) throws Exception {
        String line = new BufferedReader(new InputStreamReader(System.in)).readLine();
        System.out.println("got: " + line);
    }
}
