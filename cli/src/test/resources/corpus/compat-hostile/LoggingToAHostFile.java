import java.util.logging.FileHandler;
import java.util.logging.Logger;

/** Logs to a file of the host's: FileHandler opens it by name. Refused at install. */
public class LoggingToAHostFile {
    public static void main(String[] args) throws Exception {
        Logger.getLogger("x").addHandler(new FileHandler("/tmp/singj-hostile-%u.log"));
        Logger.getLogger("x").severe("written on the host");
    }
}
