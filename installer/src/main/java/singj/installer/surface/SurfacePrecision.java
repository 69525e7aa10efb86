package singj.installer.surface;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.classfile.MethodModel;
import java.lang.classfile.instruction.InvokeInstruction;
import java.lang.reflect.AccessFlag;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import java.util.zip.ZipFile;

/**
 * How precise the surface is where it matters: for the JDK members real code calls (a directory
 * of compiled programs, a library's jar), how many the surface denies, how many the whole-JDK
 * analysis leaves to review, and how many still reach a sink when each member's virtual calls are
 * resolved over the classes its own code creates ({@link EntryReach}), before and after
 * holdability. The same counts for the whole public API. {@code singj jdk-surface --precision}.
 */
public final class SurfacePrecision {
    private SurfacePrecision() {}

    /** Counts for one body of code: members called, and how many of them each layer refuses or leaves to review. */
    public record Counts(String name, int members, int denied, int review, int ownCode, int withHoldability) {
        @Override
        public String toString() {
            return String.format("%-16s %6d members: %5d denied, %5d review over every class; per member: %5d reach a sink "
                    + "by their own code, %5d with holdability", name, members, denied, review, ownCode, withHoldability);
        }
    }

    /** The measurement: counts per body of code (the public API last), the commonest sinks left, and the time it took. */
    public record Report(List<Counts> counts, List<Map.Entry<String, Integer>> roots, double seconds) {}

    /** Analyses the running JDK and measures each of {@code code} (a directory of class files or a jar), by name. */
    public static Report measure(Map<String, Path> code) {
        return measure(code, true);
    }

    /** As {@link #measure(Map)}; without the public API's counts (a few times faster) unless {@code api}. */
    public static Report measure(Map<String, Path> code, boolean api) {
        long start = System.nanoTime();
        JdkClasses jdk = JdkClasses.ofRunningJdk("java.base");
        SurfaceAnalysis analysis = new SurfaceAnalysis(jdk, Reviewed.standard()).run();
        Map<String, Set<String>> groups = new LinkedHashMap<>();
        code.forEach((name, path) -> groups.put(name, calledMembers(jdk, path)));
        if (api) {
            groups.put("public API", apiMembers(jdk));
        }
        Set<String> all = new TreeSet<>();
        groups.values().forEach(all::addAll);
        EntryReach reach = new EntryReach(analysis);
        reach.searchAll(all);
        reach.settle(analysis.unholdableCandidates());
        List<Counts> counts = new ArrayList<>();
        Map<String, Integer> roots = new TreeMap<>();
        for (var group : groups.entrySet()) {
            int denied = 0;
            int review = 0;
            int own = 0;
            int held = 0;
            for (String member : group.getValue()) {
                if (analysis.proven(member) != null) {
                    denied++;
                    continue;
                }
                if (analysis.cause(member) != null || analysis.advisory(member) != null) {
                    review++;
                }
                if (reach.way(member) != null) {
                    own++;
                }
                EntryReach.Way way = reach.unsafe(member);
                if (way != null) {
                    held++;
                    if (group.getKey().equals("public API")) {
                        roots.merge(SurfaceFile.readable(way.steps().getLast()), 1, Integer::sum);
                    }
                }
            }
            counts.add(new Counts(group.getKey(), group.getValue().size(), denied, review, own, held));
        }
        List<Map.Entry<String, Integer>> top = roots.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(10).toList();
        return new Report(counts, top, (System.nanoTime() - start) / 1e9);
    }

    /** The public and protected members of the public classes of java.* and javax.*: the surface file's lines. */
    static Set<String> apiMembers(JdkClasses jdk) {
        Set<String> members = new TreeSet<>();
        for (ClassModel model : jdk.all()) {
            String owner = model.thisClass().asInternalName();
            if (!model.flags().has(AccessFlag.PUBLIC) || !SurfaceFile.isApiPackage(owner)) {
                continue;
            }
            for (MethodModel method : model.methods()) {
                if (method.flags().has(AccessFlag.PUBLIC) || method.flags().has(AccessFlag.PROTECTED)) {
                    members.add(owner + "." + method.methodName().stringValue() + method.methodType().stringValue());
                }
            }
        }
        return members;
    }

    /** The JDK members the code at {@code path} calls, each the one the JVM links the call to. */
    static Set<String> calledMembers(JdkClasses jdk, Path path) {
        Set<String> members = new TreeSet<>();
        for (byte[] bytes : classFiles(path)) {
            ClassModel model = ClassFile.of().parse(bytes);
            for (MethodModel method : model.methods()) {
                method.code().ifPresent(code -> code.forEach(element -> {
                    if (element instanceof InvokeInstruction invoke) {
                        String owner = invoke.owner().asInternalName();
                        owner = owner.startsWith("[") ? "java/lang/Object" : owner;
                        if (jdk.get(owner).isPresent()) {
                            jdk.resolve(owner, invoke.name().stringValue() + invoke.type().stringValue()).ifPresent(members::add);
                        }
                    }
                }));
            }
        }
        return members;
    }

    private static List<byte[]> classFiles(Path path) {
        List<byte[]> files = new ArrayList<>();
        try {
            if (Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    for (Path file : walk.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                        files.add(Files.readAllBytes(file));
                    }
                }
            } else {
                try (ZipFile zip = new ZipFile(path.toFile())) {
                    for (var entry : Collections.list(zip.entries())) {
                        if (entry.getName().endsWith(".class") && !entry.getName().endsWith("module-info.class")) {
                            try (var in = zip.getInputStream(entry)) {
                                files.add(in.readAllBytes());
                            }
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(path + ": " + e.getMessage(), e);
        }
        return files;
    }
}
