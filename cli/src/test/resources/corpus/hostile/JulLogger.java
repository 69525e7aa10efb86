import java.util.logging.LogManager;

// expect [jvm-global-state] java.util.logging.LogManager.getLogManager
/** Resets the JVM's one LogManager, every SIP's and the host's logging. */
public class JulLogger {
    public static void main(String[] args) {
        LogManager.getLogManager().reset();
    }
}
