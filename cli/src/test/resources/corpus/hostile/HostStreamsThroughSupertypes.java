// expect [host-io] java.net.URL.<init>
// expect [shared-monitor] java.net.URI.toURL
// expect [host-io] java.net.URLConnection.getInputStream
// expect [class-loading] java.lang.Module.getResourceAsStream
import java.io.InputStream;
import java.net.URI;
import java.net.URL;

/**
 * Hostile: reaches host files through objects the JDK makes and the program only sees as an
 * InputStream, so that the denied read is an allowed InputStream.read on the supertype. Each way
 * to such an object must be refused where the object is made or reached. (URL.openStream itself is
 * redirected, and opens only the program's own resources; the system and context class loaders
 * are the SIP's own, and corpus/compat-hostile/ReadsOutsideItsJar shows they find nothing else.)
 */
public class HostStreamsThroughSupertypes {
    @SuppressWarnings("deprecation")
    public static void main(String[] args) throws Exception {
        InputStream[] streams = {
                new URL("file:///etc/hostname").openStream(),
                URI.create("file:///etc/passwd").toURL().openConnection().getInputStream(),
                Object.class.getModule().getResourceAsStream("java/lang/Object.class"),
        };
        for (InputStream in : streams) {
            System.out.println(in.read());
        }
    }
}
