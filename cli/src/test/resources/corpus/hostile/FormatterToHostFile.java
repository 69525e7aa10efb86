// expect [host-io] java.util.Formatter.<init>(Ljava/lang/String;Ljava/lang/String;)V reaches host files
// expect [host-io] java.util.Formatter.<init>(Ljava/lang/String;Ljava/lang/String;Ljava/util/Locale;)V reaches host files
import java.util.Formatter;
import java.util.Locale;

/** Writes a host file through a class whose package is allowed: two of its constructors open a file by name. */
public class FormatterToHostFile {
    public static void main(String[] args) throws Exception {
        String path = args.length > 0 ? args[0] : "/tmp/singj-formatter-escape.txt";
        try (Formatter out = new Formatter(path, "UTF-8")) {
            out.format("written by a SIP%n");
        }
        try (Formatter out = new Formatter(path + ".2", "UTF-8", Locale.ROOT)) {
            out.format("again%n");
        }
    }
}
