package singj.installer;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which JDK classes and members SIP code may use, kept as data ({@code allowlist.txt}), one
 * entry a line with its reason. The most specific entry that matches decides:
 * {@code Class#member(descriptor)}, then {@code Class#member}, then {@code Class} (which also
 * covers its nested classes), then {@code package.*}, then the longest {@code package.**}.
 * What no entry matches is denied.
 */
public final class Allowlist {
    /** One line of the allowlist. {@code rule} names the rule a deny entry enforces. */
    public record Entry(boolean allow, boolean trusted, String pattern, String rule, String reason, int line) {}

    /**
     * The verdict on one use: the entry that decided it, or the default denial. A trusted use is
     * exempt from the proven surface's denials: all of them, or those of {@code rule} only when a
     * trust entry names one.
     */
    public record Decision(boolean allowed, String rule, String reason, boolean trusted) {
        Decision(boolean allowed, String rule, String reason) {
            this(allowed, rule, reason, false);
        }

        /** Whether a proven denial under {@code deniedRule} is lifted by this verdict's trust. */
        public boolean trusts(String deniedRule) {
            return trusted && (rule.isEmpty() || rule.equals(deniedRule));
        }
    }

    private static final Decision NOT_LISTED = new Decision(false, "not-allowlisted",
            "is not on the SIP allowlist of JDK APIs");

    private final Map<String, Entry> members = new HashMap<>();     // Class#name or Class#name(desc)
    private final Map<String, Entry> classes = new HashMap<>();     // binary class name
    private final Map<String, Entry> packages = new HashMap<>();    // package.*
    private final Map<String, Entry> packageTrees = new HashMap<>(); // package.**
    private final List<Entry> entries = new ArrayList<>();

    private Allowlist() {}

    /** The allowlist that ships with SingJ, read once. */
    public static Allowlist standard() {
        return Standard.LIST;
    }

    private static final class Standard {
        static final Allowlist LIST = read();
    }

    private static Allowlist read() {
        try (InputStream in = Allowlist.class.getResourceAsStream("allowlist.txt")) {
            if (in == null) {
                throw new IllegalStateException("allowlist.txt is missing from the installer");
            }
            return parse(in, "allowlist.txt");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static Allowlist parse(InputStream in, String source) throws IOException {
        Allowlist list = new Allowlist();
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        int number = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            number++;
            String text = line.strip();
            if (text.isEmpty() || text.startsWith("#")) {
                continue;
            }
            list.add(parseLine(text, source, number));
        }
        return list;
    }

    private static Entry parseLine(String text, String source, int number) {
        String[] words = text.split("\\s+", 3);
        if (words.length < 3 || !(words[0].equals("allow") || words[0].equals("deny") || words[0].equals("trust"))) {
            throw new IllegalArgumentException(source + ":" + number
                    + ": expected 'allow PATTERN REASON', 'trust MEMBER REASON' or 'deny PATTERN [RULE] REASON'");
        }
        boolean trusted = words[0].equals("trust");
        boolean allow = !words[0].equals("deny");
        String reason = words[2];
        String rule = "";
        if (trusted && reason.startsWith("[") && reason.indexOf(']') > 0) { // trust for one rule of the proof
            rule = reason.substring(1, reason.indexOf(']'));
            reason = reason.substring(reason.indexOf(']') + 1).strip();
        } else if (trusted && !words[1].contains("#")) {
            throw new IllegalArgumentException(source + ":" + number + ": a trust entry without a [rule] names one member");
        }
        if (!allow) {
            if (!reason.startsWith("[") || reason.indexOf(']') < 0) {
                throw new IllegalArgumentException(source + ":" + number + ": a deny entry needs a [rule]");
            }
            rule = reason.substring(1, reason.indexOf(']'));
            reason = reason.substring(reason.indexOf(']') + 1).strip();
        }
        return new Entry(allow, trusted, words[1], rule, reason, number);
    }

    private void add(Entry entry) {
        String pattern = entry.pattern();
        Map<String, Entry> index;
        String key;
        if (pattern.contains("#")) {
            index = members;
            key = pattern;
        } else if (pattern.endsWith(".**")) {
            index = packageTrees;
            key = pattern.substring(0, pattern.length() - 3);
        } else if (pattern.endsWith(".*")) {
            index = packages;
            key = pattern.substring(0, pattern.length() - 2);
        } else {
            index = classes;
            key = pattern;
        }
        if (index.putIfAbsent(key, entry) != null) {
            throw new IllegalArgumentException("allowlist line " + entry.line() + ": " + pattern + " is listed twice");
        }
        entries.add(entry);
    }

    public List<Entry> entries() {
        return List.copyOf(entries);
    }

    /** The verdict on using class {@code className} (binary name) as a whole. */
    public Decision decideClass(String className) {
        return decide(className, null, null);
    }

    /**
     * The verdict on using member {@code member} with {@code descriptor} declared in
     * {@code className} (binary name, such as {@code java.lang.Thread$Builder}).
     */
    public Decision decide(String className, String member, String descriptor) {
        if (member != null) {
            Entry exact = members.get(className + "#" + member + descriptor);
            if (exact == null) {
                exact = members.get(className + "#" + member);
            }
            if (exact != null) {
                return verdict(exact);
            }
        }
        for (String outer = className; ; ) {
            Entry entry = classes.get(outer);
            if (entry != null) {
                return verdict(entry);
            }
            int dollar = outer.lastIndexOf('$');
            if (dollar < 0) {
                break;
            }
            outer = outer.substring(0, dollar);
        }
        int dot = className.lastIndexOf('.');
        String pkg = dot < 0 ? "" : className.substring(0, dot);
        Entry entry = packages.get(pkg);
        if (entry != null) {
            return verdict(entry);
        }
        for (String tree = pkg; !tree.isEmpty(); ) {
            entry = packageTrees.get(tree);
            if (entry != null) {
                return verdict(entry);
            }
            int last = tree.lastIndexOf('.');
            tree = last < 0 ? "" : tree.substring(0, last);
        }
        return NOT_LISTED;
    }

    private static Decision verdict(Entry entry) {
        return new Decision(entry.allow(), entry.rule(), entry.reason(), entry.trusted());
    }
}
