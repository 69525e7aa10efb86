package singj.installer.surface;

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
import java.util.Set;

/**
 * Which overridable JDK methods the JDK's own code calls back, and from which members
 * ({@code jdk-FEATURE.callbacks}, generated with the surface by {@code singj jdk-surface} from
 * the JDK's call graph, {@link JdkCallGraph}). A program's override of a JDK method can run only
 * when JDK code that calls it can: the installer asks this table which callbacks the JDK members
 * a program reaches lead to.
 *
 * <p>The file's lines: {@code callback N SIGNATURE} numbers each callback that only some of the
 * JDK's code calls; every other overridable signature ({@code toString}, {@code compareTo},
 * {@code run}...) is called by JDK code that every program reaches. {@code call METHOD N...} lists
 * the numbered callbacks the JDK's code reaches from a method a program calls directly (static,
 * constructor or super call), {@code virtual SIGNATURE N...} those it reaches from a signature
 * a program calls virtually, whichever JDK class answers. A member or signature not listed leads
 * to no numbered callback.
 */
public final class JdkCallbacks {
    private final String jdkVersion;
    private final List<String> callbacks;
    private final Set<String> numbered;
    private final Map<String, int[]> fromCalls;
    private final Map<String, int[]> fromVirtualCalls;

    private JdkCallbacks(String jdkVersion, List<String> callbacks, Map<String, int[]> fromCalls,
                         Map<String, int[]> fromVirtualCalls) {
        this.jdkVersion = jdkVersion;
        this.callbacks = List.copyOf(callbacks);
        this.numbered = Set.copyOf(callbacks);
        this.fromCalls = fromCalls;
        this.fromVirtualCalls = fromVirtualCalls;
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
            return parse(in, resource);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JdkCallbacks parse(InputStream in, String source) throws IOException {
        var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
        String version = null;
        List<String> callbacks = new ArrayList<>();
        Map<String, int[]> fromCalls = new HashMap<>();
        Map<String, int[]> fromVirtualCalls = new HashMap<>();
        int number = 0;
        for (String line; (line = reader.readLine()) != null; ) {
            number++;
            if (line.startsWith("#") || line.isEmpty()) {
                continue;
            }
            String[] words = line.split(" ");
            switch (words[0]) {
                case "jdk" -> version = words[1];
                case "callback" -> {
                    if (words.length != 3 || Integer.parseInt(words[1]) != callbacks.size()) {
                        throw new IllegalArgumentException(source + ":" + number + ": expected 'callback "
                                + callbacks.size() + " SIGNATURE'");
                    }
                    callbacks.add(words[2]);
                }
                case "call", "virtual" -> {
                    int[] reached = new int[words.length - 2];
                    for (int i = 0; i < reached.length; i++) {
                        reached[i] = Integer.parseInt(words[i + 2]);
                        if (reached[i] < 0 || reached[i] >= callbacks.size()) {
                            throw new IllegalArgumentException(source + ":" + number + ": no callback " + reached[i]);
                        }
                    }
                    (words[0].equals("call") ? fromCalls : fromVirtualCalls).put(words[1], reached);
                }
                default -> throw new IllegalArgumentException(source + ":" + number + ": unknown line: " + line);
            }
        }
        if (version == null) {
            throw new IllegalArgumentException(source + ": no 'jdk VERSION' line");
        }
        return new JdkCallbacks(version, callbacks, fromCalls, fromVirtualCalls);
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
        return numbered.contains(signature);
    }

    /** The conditional callbacks the JDK's code reaches from the method {@code owner.name+descriptor}, called directly. */
    public List<String> fromCall(String methodKey) {
        return named(fromCalls.get(methodKey));
    }

    /** The conditional callbacks the JDK's code reaches from a virtual call of {@code signature}. */
    public List<String> fromVirtualCall(String signature) {
        return named(fromVirtualCalls.get(signature));
    }

    private List<String> named(int[] ids) {
        if (ids == null) {
            return List.of();
        }
        List<String> names = new ArrayList<>(ids.length);
        for (int id : ids) {
            names.add(callbacks.get(id));
        }
        return names;
    }
}
