import java.io.InputStream;
import java.net.URL;
import java.util.Collections;
import java.util.Locale;
import java.util.ResourceBundle;
import java.util.concurrent.Callable;

/**
 * An attacker who has read ResourceCalls: tries every name and loader that could reach a file
 * outside its own jar (host files by ../ and absolute names, the JDK's own resources and bundles,
 * the SIP runtime's class files, the jar's manifest, a library's resources it does not have) and
 * a URL's relative resolution. Prints what each gives; each must find nothing or be refused.
 * Its jar holds secret.txt, read last to show the door is there.
 */
public class ReadsOutsideItsJar {
    static void attempt(String route, Callable<?> attack) {
        try {
            Object got = attack.call();
            if (got instanceof InputStream in) {
                got = new String(in.readAllBytes());
            }
            boolean nothing = got == null || got instanceof Integer count && count == 0;
            System.out.println((nothing ? "finds nothing " : "OPEN ") + route + ": " + got);
        } catch (Throwable refused) {
            System.out.println("refused " + route + ": " + refused.getClass().getSimpleName());
        }
    }

    static class Later {
        @Override
        public String toString() {
            return "yes";
        }
    }

    public static void main(String[] args) throws Exception {
        Class<?> me = ReadsOutsideItsJar.class;
        ClassLoader loader = me.getClassLoader();
        attempt("a relative ../ name", () -> me.getResourceAsStream("../../../../../../../etc/passwd"));
        attempt("an absolute host path", () -> me.getResourceAsStream("//etc/passwd"));
        attempt("a ../ name from the loader", () -> loader.getResourceAsStream("../../../../../../../etc/hostname"));
        attempt("a file: name", () -> loader.getResourceAsStream("file:/etc/passwd"));
        attempt("a jar:file: name", () -> loader.getResourceAsStream("jar:file:/etc/passwd!/x"));
        attempt("the JDK's class files", () -> String.class.getResourceAsStream("String.class"));
        attempt("the JDK's resources from the loader", () -> loader.getResourceAsStream("java/lang/Object.class"));
        attempt("the JDK's resources as a system resource", () -> ClassLoader.getSystemResource("java/lang/Object.class"));
        attempt("the JDK's loader", () -> Object.class.getClassLoader());
        attempt("a JDK object's loader", () -> "text".getClass().getClassLoader());
        attempt("the SIP runtime's class files", () -> singj.abi.Sip.class.getResourceAsStream("/singj/abi/runtime/SipGlue.class"));
        attempt("the ABI's loader", () -> singj.abi.Sip.class.getClassLoader());
        attempt("the jar's manifest", () -> loader.getResourceAsStream("META-INF/MANIFEST.MF"));
        attempt("the manifest from the system and context loaders", () -> ClassLoader.getSystemResourceAsStream(
                "META-INF/MANIFEST.MF") != null ? 1 : Thread.currentThread().getContextClassLoader()
                .getResourceAsStream("META-INF/MANIFEST.MF"));
        attempt("every manifest on the class path", () -> Collections.list(loader.getResources("META-INF/MANIFEST.MF")).size());
        attempt("a JDK resource bundle", () -> ResourceBundle.getBundle("sun.util.resources.CalendarData", Locale.ROOT));
        attempt("the JDK's format data", () -> ResourceBundle.getBundle("sun.text.resources.FormatData"));
        attempt("the JDK's own bundle class", () -> ResourceBundle.getBundle("sun.util.logging.resources.logging"));
        // it holds its own class loader now: lock it for good, then make the loader define a class
        Thread holder = new Thread(() -> {
            synchronized (loader) {
                try {
                    Thread.sleep(600_000);
                } catch (InterruptedException e) {
                    // ends with the SIP
                }
            }
        });
        holder.setDaemon(true);
        holder.start();
        Thread.sleep(200);
        System.out.println("defines classes while its loader is locked: " + new Later().toString());
        URL mine = me.getResource("secret.txt");
        attempt("own secret", () -> mine.openStream());
    }
}
