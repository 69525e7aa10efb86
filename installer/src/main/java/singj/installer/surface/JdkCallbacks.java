package singj.installer.surface;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Which overridable JDK methods the JDK's own code calls back, and from which members
 * ({@code jdk-FEATURE.callbacks}, generated with the surface by {@code singj jdk-surface} from
 * the JDK's call graph, {@link JdkCallGraph}). A program's override of a JDK method can run only
 * when JDK code that calls it can: the installer asks this table which callbacks the JDK members
 * a program reaches lead to.
 *
 * <p>The file's lines, in three sections, each sorted: {@code callback N SIGNATURE} numbers each
 * callback that only some of the JDK's code calls; every other overridable signature
 * ({@code toString}, {@code compareTo}, {@code run}...) is called by JDK code that every program
 * reaches. {@code call METHOD N...} lists the numbered callbacks the JDK's code reaches from a
 * method a program calls directly (static, constructor or super call), {@code virtual SIGNATURE
 * N...} those it reaches from a signature a program calls virtually, whichever JDK class
 * answers. A member or signature not listed leads to no numbered callback.
 *
 * <p>A program asks about a few hundred of the file's 5,000 lines, and every install reads the
 * file: so it is kept as its text and searched in place, not parsed into tables (start-up).
 */
public final class JdkCallbacks {
    /** The lines of one kind: where each starts in the text; a callback's key follows its number. */
    private record Section(String prefix, boolean numbered, int[] lines) {}

    private static final List<String> KINDS = List.of("callback ", "call ", "virtual ");

    private final String source;
    private final String text;
    private final String jdkVersion;
    private final Section callbacks;
    private final Section calls;
    private final Section virtualCalls;

    private JdkCallbacks(String source, String text, String jdkVersion, List<int[]> lines) {
        this.source = source;
        this.text = text;
        this.jdkVersion = jdkVersion;
        this.callbacks = new Section(KINDS.get(0), true, lines.get(0));
        this.calls = new Section(KINDS.get(1), false, lines.get(1));
        this.virtualCalls = new Section(KINDS.get(2), false, lines.get(2));
    }

    /** The table of the running JDK's feature version, read on first use (only verifying needs it). */
    public static JdkCallbacks standard() {
        return Standard.TABLE;
    }

    private static final class Standard {
        static final JdkCallbacks TABLE = read(resourceName(Runtime.version().feature()));
    }

    /** The resource that holds the callbacks of JDK {@code feature}. */
    public static String resourceName(int feature) {
        return "jdk-" + feature + ".callbacks";
    }

    static JdkCallbacks read(String resource) {
        try (InputStream in = JdkCallbacks.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the installer has no table of JDK callbacks for this JDK (" + resource
                        + "); generate it with: singj jdk-surface --callbacks installer/src/main/resources/singj/installer/surface/"
                        + resource);
            }
            return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Finds where the lines of each section start; the searches rely on each section's being sorted ({@link #unfindable}). */
    static JdkCallbacks parse(String text, String source) {
        String version = null;
        List<int[]> lines = new ArrayList<>(List.of(new int[256], new int[256], new int[256]));
        int[] counts = new int[KINDS.size()];
        int section = 0;
        int number = 0;
        for (int start = 0, end; start < text.length(); start = end + 1) {
            end = text.indexOf('\n', start);
            if (end < 0) {
                end = text.length();
            }
            number++;
            if (end == start || text.charAt(start) == '#') {
                continue;
            }
            if (text.startsWith("jdk ", start)) {
                version = text.substring(start + 4, end);
                continue;
            }
            int kind = 0;
            while (kind < KINDS.size() && !text.startsWith(KINDS.get(kind), start)) {
                kind++;
            }
            if (kind == KINDS.size() || kind < section) {
                throw new IllegalArgumentException(source + ":" + number + ": expected a '" + KINDS.get(section).strip()
                        + "' line or one of a later section, found: " + text.substring(start, end));
            }
            section = kind;
            if (counts[kind] == lines.get(kind).length) {
                lines.set(kind, Arrays.copyOf(lines.get(kind), counts[kind] * 2));
            }
            lines.get(kind)[counts[kind]++] = start;
        }
        if (version == null) {
            throw new IllegalArgumentException(source + ": no 'jdk VERSION' line");
        }
        for (int kind = 0; kind < KINDS.size(); kind++) {
            lines.set(kind, Arrays.copyOf(lines.get(kind), counts[kind]));
        }
        return new JdkCallbacks(source, text, version, lines);
    }

    /**
     * The keys of {@code kind}'s lines ({@code callback}, {@code call} or {@code virtual}) that a
     * search does not find: the lines out of order. None in a table as generated; checked by the
     * tests rather than at each install, where it would cost more than the rest of reading.
     */
    List<String> unfindable(String kind) {
        Section section = switch (kind) {
            case "callback" -> callbacks;
            case "call" -> calls;
            case "virtual" -> virtualCalls;
            default -> throw new IllegalArgumentException(kind);
        };
        List<String> lost = new ArrayList<>();
        for (int i = 0; i < section.lines().length; i++) {
            int from = keyStart(section, i);
            String key = text.substring(from, keyEnd(from));
            if (find(section, key) != i) {
                lost.add(key);
            }
        }
        return lost;
    }

    /** The JDK version the table was generated from. */
    public String jdkVersion() {
        return jdkVersion;
    }

    /**
     * Whether only some of the JDK's code calls {@code signature} back: then an override of it
     * runs only once a member that leads to it is reached. Every other callback, and every
     * signature that is no JDK callback at all, counts as called.
     */
    public boolean isConditional(String signature) {
        return find(callbacks, signature) >= 0;
    }

    /** The conditional callbacks the JDK's code reaches from the method {@code owner.name+descriptor}, called directly. */
    public List<String> fromCall(String methodKey) {
        return named(calls, methodKey);
    }

    /** The conditional callbacks the JDK's code reaches from a virtual call of {@code signature}. */
    public List<String> fromVirtualCall(String signature) {
        return named(virtualCalls, signature);
    }

    private List<String> named(Section section, String key) {
        int line = find(section, key);
        if (line < 0) {
            return List.of();
        }
        int start = keyStart(section, line) + key.length() + 1;
        List<String> names = new ArrayList<>();
        for (String number : text.substring(start, lineEnd(start)).split(" ")) {
            int id = Integer.parseInt(number);
            int[] callbackLines = callbacks.lines();
            if (id < 0 || id >= callbackLines.length
                    || !text.startsWith(number + " ", callbackLines[id] + callbacks.prefix().length())) {
                throw new IllegalStateException(source + ": no callback " + id + " (the table is damaged: regenerate it)");
            }
            int from = keyStart(callbacks, id);
            names.add(text.substring(from, keyEnd(from)));
        }
        return names;
    }

    /** The index of the line of {@code section} whose key is {@code key}, or -1. */
    private int find(Section section, String key) {
        int low = 0;
        int high = section.lines().length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int order = compare(key, keyStart(section, middle));
            if (order == 0) {
                return middle;
            } else if (order > 0) {
                low = middle + 1;
            } else {
                high = middle - 1;
            }
        }
        return -1;
    }

    private int keyStart(Section section, int index) {
        int from = section.lines()[index] + section.prefix().length();
        return section.numbered() ? text.indexOf(' ', from) + 1 : from;
    }

    /** {@code key} against the key written at {@code from}, in {@link String#compareTo} order. */
    private int compare(String key, int from) {
        int end = keyEnd(from);
        int length = Math.min(key.length(), end - from);
        for (int i = 0; i < length; i++) {
            int difference = key.charAt(i) - text.charAt(from + i);
            if (difference != 0) {
                return difference;
            }
        }
        return key.length() - (end - from);
    }

    /** Where the key at {@code from} ends: at the next space or the line's end. */
    private int keyEnd(int from) {
        int end = from;
        while (end < text.length() && text.charAt(end) != ' ' && text.charAt(end) != '\n') {
            end++;
        }
        return end;
    }

    private int lineEnd(int from) {
        int end = text.indexOf('\n', from);
        return end < 0 ? text.length() : end;
    }
}
