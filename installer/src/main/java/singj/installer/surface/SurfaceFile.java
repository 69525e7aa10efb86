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

    /** Analyses the running JDK and returns the file's text. */
    public static String generate() {
        JdkClasses jdk = JdkClasses.ofRunningJdk("java.base");
        SurfaceAnalysis analysis = new SurfaceAnalysis(jdk, Reviewed.standard()).run();
        return render(analysis, Runtime.version().toString());
    }

    static String render(SurfaceAnalysis analysis, String jdkVersion) {
        Map<String, String> lines = new TreeMap<>();
        for (ClassModel model : analysis.jdk().all()) {
            String owner = model.thisClass().asInternalName();
            if (!model.flags().has(AccessFlag.PUBLIC) || !isApiPackage(owner)) {
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
                    lines.put(key, "deny " + key + " [" + proven.sink().rule + "] " + explain(analysis, key));
                } else if (review != null) {
                    lines.put(key, "review " + key + " [" + review.sink().rule + "] " + explain(analysis, key));
                } else {
                    lines.put(key, "allow " + key);
                }
            }
            for (FieldModel field : model.fields()) {
                var flags = field.flags();
                if (flags.has(AccessFlag.STATIC) && !flags.has(AccessFlag.FINAL)
                        && (flags.has(AccessFlag.PUBLIC) || flags.has(AccessFlag.PROTECTED))) {
                    String key = owner + "." + field.fieldName().stringValue();
                    lines.put(key, "deny " + key + " [jvm-global-state] a static field every SIP shares that is not final");
                }
            }
        }
        StringBuilder out = new StringBuilder();
        out.append("# The JDK surface a SIP may reach, proven by singj.installer.surface: do not edit.\n");
        out.append("# Regenerate with: ./singj jdk-surface (see docs/sealing.md)\n");
        out.append("jdk ").append(jdkVersion).append('\n');
        lines.values().forEach(line -> out.append(line).append('\n'));
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

    public static void main(String[] args) throws Exception {
        long start = System.nanoTime();
        String text = generate();
        if (args.length > 0) {
            java.nio.file.Files.writeString(java.nio.file.Path.of(args[0]), text);
        }
        System.err.printf("%d lines in %.1f s%n", text.lines().count(), (System.nanoTime() - start) / 1e9);
    }
}
