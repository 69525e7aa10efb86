import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.StreamHandler;

/** java.util.logging configured by the program itself: levels, handlers, formatters, the logger tree. */
public class OwnLogging {
    public static void main(String[] args) {
        Logger root = Logger.getLogger("");
        System.out.println("root level " + root.getLevel() + ", handlers " + root.getHandlers().length
                + ", parent " + root.getParent());
        Logger app = Logger.getLogger("demo.app");
        Logger db = Logger.getLogger("demo.app.db");
        System.out.println("same logger " + (app == Logger.getLogger("demo.app")) + ", db's parent " + db.getParent().getName());
        StreamHandler toOut = new StreamHandler(System.out, new Formatter() {
            @Override
            public String format(LogRecord record) {
                return record.getLevel() + " " + record.getLoggerName() + ": " + formatMessage(record) + "\n";
            }
        });
        toOut.setLevel(Level.ALL);
        app.addHandler(toOut);
        app.setUseParentHandlers(false);
        app.setLevel(Level.FINE);
        app.info("started");
        app.fine("detail {0} of {1}");
        app.log(Level.FINE, "value {0}", 42);
        app.finer("not shown");
        db.fine("inherits the level of demo.app");
        db.setLevel(Level.WARNING);
        db.info("not shown either");
        db.warning("disk almost full");
        Logger middle = Logger.getLogger("demo");
        System.out.println("db's parent still " + db.getParent().getName() + ", app's parent " + app.getParent().getName()
                + ", demo's parent '" + middle.getParent().getName() + "'");
        Logger.getLogger("other").info("to standard error, through the root's handler");
        Logger.getGlobal().fine("below the root's level");
        toOut.flush();
        for (Handler handler : app.getHandlers()) {
            app.removeHandler(handler);
        }
        System.out.println("handlers left " + app.getHandlers().length);
    }
}
