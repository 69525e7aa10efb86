import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Tries to change the logging of the JVM it shares: silences the root logger, takes its handlers
 * off and sets a level on a name the host uses. It may change only its own tree.
 */
public class ReconfiguresJvmLogging {
    public static void main(String[] args) {
        Logger root = Logger.getLogger("");
        System.out.println("root level before " + root.getLevel() + ", handlers " + root.getHandlers().length);
        root.setLevel(Level.OFF);
        for (Handler handler : root.getHandlers()) {
            root.removeHandler(handler);
        }
        Logger.getLogger("singj").setLevel(Level.OFF);
        Logger.getLogger("global").setLevel(Level.OFF);
        Logger anonymous = Logger.getAnonymousLogger();
        System.out.println("anonymous logger's parent is the root it silenced: " + (anonymous.getParent() == root));
        Logger up = root;
        while (up.getParent() != null) {
            up = up.getParent();
        }
        System.out.println("top of its tree is its own root: " + (up == root));
    }
}
