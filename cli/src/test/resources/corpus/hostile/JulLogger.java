// expect [jvm-global-state] java.util.logging.Logger.getLogger
import java.util.logging.Logger;

public class JulLogger {
    public static void main(String[] args) {
        Logger.getLogger("global").info("configured for the whole JVM");
    }
}
