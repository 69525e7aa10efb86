package singj.abi.runtime;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.logging.StreamHandler;

/**
 * A SIP's own {@code java.util.logging}: the JDK's {@code LogManager} is one per JVM (its loggers,
 * levels and handlers are every caller's, and its root handler writes to the host's standard
 * error), so {@code Logger.getLogger} and the other factories give the SIP loggers of its own
 * tree instead. Its root is configured as the JDK's default configuration configures the JVM's
 * ({@code INFO}, one handler at {@code INFO} writing {@link SimpleFormatter}'s lines), and writes
 * to the SIP's standard error; the program configures its tree as it would under {@code java}
 * (levels, handlers, filters, formatters, {@code setUseParentHandlers}). The tree is never
 * attached to the JVM's: none of its loggers has the JVM's root above it, and the SIP can name no
 * logger but its own (allowlist.txt refuses {@code LogManager}, file and socket handlers, and
 * handlers that read the JVM's logging configuration).
 */
public final class LoggingCalls {
    private LoggingCalls() {}

    @StaticOf(Logger.class)
    public static Logger getLogger(String name, SipContext context) {
        return loggers(context).named(name);
    }

    @StaticOf(Logger.class)
    public static Logger getGlobal(SipContext context) {
        return loggers(context).named(Logger.GLOBAL_LOGGER_NAME);
    }

    @StaticOf(Logger.class)
    public static Logger getAnonymousLogger(SipContext context) {
        Logger logger = new SipLogger(null);
        logger.setParent(loggers(context).root);
        return logger;
    }

    private static Loggers loggers(SipContext context) {
        return context.service(Loggers.class, () -> new Loggers(context.err()));
    }

    /** A logger outside the JVM's {@code LogManager}: the JDK's constructor for a subclass registers nothing. */
    private static final class SipLogger extends Logger {
        SipLogger(String name) {
            super(name, null);
        }
    }

    /** One SIP's tree of loggers by name, under its own root. */
    static final class Loggers {
        final Logger root = new SipLogger("");
        private final Map<String, Logger> byName = new ConcurrentHashMap<>();

        Loggers(PrintStream err) {
            root.setLevel(Level.INFO);
            StreamHandler console = new StreamHandler(err, new SimpleFormatter()) {
                @Override
                public synchronized void publish(LogRecord record) {
                    super.publish(record);
                    flush(); // as ConsoleHandler does: a line is out when it is logged
                }
            };
            console.setLevel(Level.INFO);
            root.addHandler(console);
            byName.put("", root);
        }

        /**
         * The logger {@code name}, made on first use under its nearest existing ancestor; loggers
         * made earlier below it move under it, as the JDK's {@code LogManager} re-parents them.
         */
        synchronized Logger named(String name) {
            Logger existing = byName.get(name);
            if (existing != null) {
                return existing;
            }
            Logger logger = new SipLogger(name);
            logger.setParent(nearestAncestor(name));
            for (Logger other : byName.values()) {
                String otherName = other.getName();
                if (otherName.startsWith(name + ".") && other.getParent() != null
                        && other.getParent().getName().length() < name.length()) {
                    other.setParent(logger);
                }
            }
            byName.put(name, logger);
            return logger;
        }

        private Logger nearestAncestor(String name) {
            for (int dot = name.lastIndexOf('.'); dot > 0; dot = name.lastIndexOf('.', dot - 1)) {
                Logger ancestor = byName.get(name.substring(0, dot));
                if (ancestor != null) {
                    return ancestor;
                }
            }
            return root;
        }
    }
}
