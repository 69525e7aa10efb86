package singj.installer.surface;

import java.lang.classfile.ClassModel;
import java.lang.classfile.FieldModel;
import java.lang.classfile.MethodModel;
import java.lang.reflect.AccessFlag;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Writes the proven JDK surface: one line per public or protected member of a public class in
 * an exported {@code java.*} package, {@code allow MEMBER} or {@code deny MEMBER [rule] reason},
 * sorted, so that the same JDK always gives the same file.
 */
public final class SurfaceFile {
    private SurfaceFile() {}

    /**
     * What one analysis of the running JDK gives: the surface file's text, the kernel's list of
     * the methods a killed SIP's thread is never stopped in ({@link #unstoppable}), and the
     * installer's table of the callbacks the JDK's code makes ({@link JdkCallbacks}).
     */
    public record Generated(String surface, String unstoppable, String callbacks) {}

    /** Analyses the running JDK (about 30 s on 2 cores). */
    public static Generated generate() {
        JdkClasses jdk = JdkClasses.ofRunningJdk("java.base");
        SurfaceAnalysis analysis = new SurfaceAnalysis(jdk, Reviewed.standard()).run();
        return new Generated(render(analysis, Runtime.version().toString()), unstoppable(analysis),
                new JdkCallGraph(jdk).render(Runtime.version().toString()));
    }

    /** The kernel's {@code singj/kernel/jdk-FEATURE.unstoppable}: one method key per line, with why. */
    static String unstoppable(SurfaceAnalysis analysis) {
        StringBuilder out = new StringBuilder();
        out.append("# JDK methods a killed SIP's thread is never stopped in (they may change state every SIP shares),\n");
        out.append("# each with the first such change; made by ./singj jdk-surface --unstoppable (docs/sealing.md): do not edit.\n");
        out.append("jdk ").append(Runtime.version().feature()).append('\n');
        analysis.unstoppable().forEach((method, why) -> out.append(method).append(' ').append(why).append('\n'));
        return out.toString();
    }

    static String render(SurfaceAnalysis analysis, String jdkVersion) {
        return render(analysis, jdkVersion, SurfaceFile::isApiPackage);
    }

    /** The surface of the public classes whose internal names {@code api} accepts. */
    static String render(SurfaceAnalysis analysis, String jdkVersion, java.util.function.Predicate<String> api) {
        // by verdict, then member: the installer reads up to the first line that is not a denial
        Map<String, String> denied = new TreeMap<>();
        Map<String, String> others = new TreeMap<>();
        for (ClassModel model : analysis.jdk().all()) {
            String owner = model.thisClass().asInternalName();
            if (!model.flags().has(AccessFlag.PUBLIC) || !api.test(owner)) {
                continue;
            }
            for (MethodModel method : model.methods()) {
                var flags = method.flags();
                if (!(flags.has(AccessFlag.PUBLIC) || flags.has(AccessFlag.PROTECTED))) {
                    continue;
                }
                String key = owner + "." + method.methodName().stringValue() + method.methodType().stringValue();
                SurfaceAnalysis.Cause proven = analysis.proven(key);
                SurfaceAnalysis.Cause review = analysis.cause(key) != null ? analysis.cause(key) : analysis.advisory(key);
                if (proven != null) {
                    denied.put(key, "deny " + key + " [" + proven.sink().rule + "] " + explain(analysis, key));
                } else if (review != null) {
                    List<String> chain = analysis.chain(key, 64);
                    others.put("1 " + key, "review " + key + " [" + review.sink().rule + "] via " + readable(chain.getLast()));
                } else {
                    others.put("2 " + key, "allow " + key);
                }
            }
            for (FieldModel field : model.fields()) {
                var flags = field.flags();
                if (flags.has(AccessFlag.STATIC) && !flags.has(AccessFlag.FINAL)
                        && (flags.has(AccessFlag.PUBLIC) || flags.has(AccessFlag.PROTECTED))) {
                    String key = owner + "." + field.fieldName().stringValue();
                    denied.put(key, "deny " + key + " [jvm-global-state] a static field every SIP shares that is not final");
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# The JDK surface a SIP may reach, proven by singj.installer.surface: do not edit.\n");
        out.append("# Regenerate with: ./singj jdk-surface (see docs/sealing.md). The denials come first, then the\n");
        out.append("# members to review, the allowed ones and the shared classes: the installer reads only the denials.\n");
        out.append("jdk ").append(jdkVersion).append('\n');
        denied.values().forEach(line -> out.append(line).append('\n'));
        others.values().forEach(line -> out.append(line).append('\n'));
        for (String shared : analysis.sharedInstanceClasses()) { // for the SIP runtime (--shared), not the installer
            out.append("shared ").append(shared).append('\n');
        }
        return out.toString();
    }

    /** Why {@code key} is denied: the sink, and the way to it. */
    static String explain(SurfaceAnalysis analysis, String key) {
        List<String> chain = analysis.chain(key, 64);
        SurfaceAnalysis.Cause last = analysis.causeIn(key, chain.getLast());
        List<String> shown = new ArrayList<>();
        for (String step : chain) {
            shown.add(readable(step));
        }
        if (shown.size() > 4) {
            shown = List.of(shown.get(0), shown.get(1), "...", shown.get(shown.size() - 1));
        }
        SurfaceAnalysis.Cause first = analysis.causeIn(key, key);
        return "reaches " + first.sink().what + ": " + String.join(" -> ", shown)
                + (last.detail() == null ? "" : " (" + last.detail() + ")");
    }

    static String readable(String key) {
        int paren = key.indexOf('(');
        return key.substring(0, paren).replace('/', '.');
    }

    static boolean isApiPackage(String owner) {
        return owner.startsWith("java/") || owner.startsWith("javax/");
    }

    /** The surface file the installer ships for the running JDK's feature version, or null if it has none. */
    public static String installed() {
        return shipped(JdkSurface.resourceName(Runtime.version().feature()));
    }

    /** The table of callbacks the installer ships for the running JDK's feature version, or null if it has none. */
    public static String installedCallbacks() {
        return shipped(JdkCallbacks.resourceName(Runtime.version().feature()));
    }

    private static String shipped(String resource) {
        try (var in = SurfaceFile.class.getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * The {@code shared} lines of a surface file, as the binary class names the SIP runtime reads
     * ({@code singj/abi/runtime/jdk-FEATURE.shared}).
     */
    public static String sharedClasses(String surface) {
        StringBuilder out = new StringBuilder();
        for (String line : surface.split("\n")) {
            if (line.startsWith("shared ")) {
                out.append(line.substring(7).replace('/', '.')).append('\n');
            }
        }
        return out.toString();
    }

    /** What a surface file says, counted: members by verdict, and the commonest roots of denials. */
    public record Summary(int allowed, int denied, int review, Map<String, Integer> denialRoots) {
        /** The {@code limit} commonest roots of denials, most common first. */
        public List<Map.Entry<String, Integer>> topRoots(int limit) {
            return denialRoots.entrySet().stream()
                    .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(limit).toList();
        }
    }

    public static Summary summarize(String text) {
        int allowed = 0;
        int denied = 0;
        int review = 0;
        Map<String, Integer> roots = new TreeMap<>();
        for (String line : text.split("\n")) {
            if (line.startsWith("allow ")) {
                allowed++;
            } else if (line.startsWith("review ")) {
                review++;
            } else if (line.startsWith("deny ")) {
                denied++;
                int arrow = line.lastIndexOf(" -> ");
                int colon = line.indexOf(": ", line.indexOf("] "));
                String root = arrow >= 0 ? line.substring(arrow + 4) : colon >= 0 ? line.substring(colon + 2) : line;
                roots.merge(root, 1, Integer::sum);
            }
        }
        return new Summary(allowed, denied, review, roots);
    }

}
