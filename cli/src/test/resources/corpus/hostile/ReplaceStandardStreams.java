// expect [jvm-global-state] java.lang.System.setOut
// expect [jvm-global-state] java.lang.System.setErr
// expect [jvm-global-state] java.lang.System.setIn
import java.io.ByteArrayInputStream;
import java.io.OutputStream;
import java.io.PrintStream;

public class ReplaceStandardStreams {
    public static void main(String[] args) {
        PrintStream nowhere = new PrintStream(OutputStream.nullOutputStream());
        System.setOut(nowhere);
        System.setErr(nowhere);
        System.setIn(new ByteArrayInputStream(new byte[0]));
    }
}
