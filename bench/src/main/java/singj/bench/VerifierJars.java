package singj.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassModel;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.jar.JarFile;
import com.sun.management.HotSpotDiagnosticMXBean;
import singj.installer.BenchBridge;
import singj.installer.verify.TypeVerifier;

/**
 * SingJ's verifier beside HotSpot's, jar by jar, by CPU time, in one run: the real jars the
 * verifier fuzzer fetches (guava, jackson-databind, netty, kotlin-stdlib, scala-library, groovy, ...).
 *
 * <p>Each round, for each jar in turn: SingJ parses and verifies the jar's classes as the installer
 * does (format, class header, types and frames, against the hierarchy of the jar and the JDK, a new
 * one each round as for each program installed); this JVM defines and links the same classes in a
 * fresh class loader with its verifier on; and a child JVM, started once with
 * {@code -XX:-BytecodeVerificationRemote}, does the same with its verifier off, right after, on
 * this JVM's request. HotSpot's verifier costs the difference between the last two, taken within
 * each round so that both sides of it see the same load. Each figure is the CPU time of the thread
 * that does the work (the clock, on a shared machine, mostly measures the wait for a core; GC and
 * JIT threads are not counted on either side); the first half of the rounds warms up, and the
 * median of the rest is reported.
 *
 * <p>Only classes that both verifiers accept count (the same on every side): a class whose
 * dependencies the jar does not have (jackson-core for jackson-databind, log4j for netty) fails to
 * link at a different point on each side, so its cost compares nothing.
 *
 * <pre>java -XX:+UnlockDiagnosticVMOptions -cp bench/target/benchmarks.jar singj.bench.VerifierJars [rounds] [jar directory]</pre>
 *
 * The jar directory defaults to {@code verifier-fuzz/target/corpus-jars} (its build copies them).
 * Prints a Markdown table.
 */
public final class VerifierJars {
    private static final String CHILD = "--verifier-off";
    private static final String VERIFICATION_FLAG = "BytecodeVerificationRemote";

    private VerifierJars() {}

    /** One jar: every class file by binary name, and the names that count. */
    record Jar(String name, Map<String, byte[]> classes, List<String> counted) {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length > 0 && args[0].equals(CHILD)) {
            child(Path.of(args[1]), Path.of(args[2]));
            return;
        }
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        Path dir = Path.of(args.length > 1 ? args[1] : "verifier-fuzz/target/corpus-jars");
        requireVerification(true);
        List<Jar> jars = new ArrayList<>();
        for (Map.Entry<String, Map<String, byte[]>> jar : readJars(dir).entrySet()) {
            jars.add(new Jar(jar.getKey(), jar.getValue(), bothAccept(jar.getValue())));
        }
        Path counted = Files.createTempFile("verifier-jars", ".txt");
        try {
            List<String> lines = new ArrayList<>();
            jars.forEach(jar -> jar.counted().forEach(name -> lines.add(jar.name() + "\t" + name)));
            Files.write(counted, lines);
            run(jars, rounds, dir, counted);
        } finally {
            Files.deleteIfExists(counted);
        }
    }

    private static void run(List<Jar> jars, int rounds, Path dir, Path counted) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:-" + VERIFICATION_FLAG, "-cp", System.getProperty("java.class.path"),
                VerifierJars.class.getName(), CHILD, dir.toString(), counted.toString())
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        PrintStream toChild = new PrintStream(child.getOutputStream(), true, StandardCharsets.UTF_8);
        BufferedReader fromChild = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
        Map<String, List<Long>> singj = new LinkedHashMap<>();
        Map<String, List<Long>> hotspot = new LinkedHashMap<>();
        Map<String, List<Long>> on = new LinkedHashMap<>();
        Map<String, List<Long>> off = new LinkedHashMap<>();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        for (int round = 0; round < rounds; round++) {
            boolean kept = round >= rounds / 2;
            for (Jar jar : jars) {
                long start = threads.getCurrentThreadCpuTime();
                int refused = singj(jar);
                long singjNanos = threads.getCurrentThreadCpuTime() - start;
                if (refused != 0) {
                    throw new IllegalStateException(jar.name() + ": SingJ refused " + refused + " classes it accepted before");
                }
                start = threads.getCurrentThreadCpuTime();
                int linked = defineAndLink(jar.classes(), jar.counted());
                long onNanos = threads.getCurrentThreadCpuTime() - start;
                if (linked != jar.counted().size()) {
                    throw new IllegalStateException(jar.name() + ": HotSpot linked " + linked + " of " + jar.counted().size());
                }
                toChild.println(jar.name());
                String answer = fromChild.readLine();
                if (answer == null) {
                    throw new IllegalStateException("the JVM with its verifier off ended");
                }
                long offNanos = Long.parseLong(answer);
                if (kept) {
                    singj.computeIfAbsent(jar.name(), k -> new ArrayList<>()).add(singjNanos);
                    on.computeIfAbsent(jar.name(), k -> new ArrayList<>()).add(onNanos);
                    off.computeIfAbsent(jar.name(), k -> new ArrayList<>()).add(offNanos);
                    hotspot.computeIfAbsent(jar.name(), k -> new ArrayList<>()).add(onNanos - offNanos);
                }
            }
            System.err.printf("round %d of %d%n", round + 1, rounds);
        }
        toChild.close();
        child.waitFor();
        print(jars, rounds, singj, hotspot, on, off);
    }

    private static void print(List<Jar> jars, int rounds, Map<String, List<Long>> singj, Map<String, List<Long>> hotspot,
                              Map<String, List<Long>> on, Map<String, List<Long>> off) {
        System.out.printf("CPU ms per jar, medians of the last %d of %d rounds%n%n", rounds - rounds / 2, rounds);
        System.out.println("| jar | classes | SingJ ms | SingJ classes/s | HotSpot on | off | HotSpot verifier ms (on - off) "
                + "| HotSpot classes/s | SingJ / HotSpot |");
        System.out.println("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        double singjTotal = 0;
        double hotspotTotal = 0;
        int classesTotal = 0;
        for (Jar jar : jars) {
            int classes = jar.counted().size();
            double s = median(singj.get(jar.name()));
            double h = median(hotspot.get(jar.name()));
            singjTotal += s;
            hotspotTotal += h;
            classesTotal += classes;
            System.out.printf("| %s | %,d | %.1f | %,.0f | %.1f | %.1f | %.1f | %,.0f | %.2f |%n", jar.name(), classes, s,
                    classes / s * 1000, median(on.get(jar.name())), median(off.get(jar.name())), h, classes / h * 1000, s / h);
        }
        System.out.printf("| all | %,d | %.1f | %,.0f | | | %.1f | %,.0f | %.2f |%n", classesTotal, singjTotal,
                classesTotal / singjTotal * 1000, hotspotTotal, classesTotal / hotspotTotal * 1000, singjTotal / hotspotTotal);
    }

    /** SingJ's verification of the jar's counted classes, as the installer runs it; the number refused. */
    static int singj(Jar jar) {
        ClassFile classFile = ClassFile.of();
        Map<String, ClassModel> program = new LinkedHashMap<>();
        for (Map.Entry<String, byte[]> c : jar.classes().entrySet()) {
            program.put(c.getKey().replace('.', '/'), classFile.parse(c.getValue()));
        }
        TypeVerifier verifier = BenchBridge.verifierFor(program);
        int refused = 0;
        for (String name : jar.counted()) {
            refused += verifier.verify(program.get(name.replace('.', '/')), jar.classes().get(name)).isEmpty() ? 0 : 1;
        }
        return refused;
    }

    /** The classes both SingJ and HotSpot (this JVM, verifier on) accept, in the jar's order. */
    static List<String> bothAccept(Map<String, byte[]> classes) {
        ClassFile classFile = ClassFile.of();
        Map<String, ClassModel> program = new LinkedHashMap<>();
        classes.forEach((name, bytes) -> program.put(name.replace('.', '/'), classFile.parse(bytes)));
        TypeVerifier verifier = BenchBridge.verifierFor(program);
        VerifierThroughput.CorpusLoader loader = new VerifierThroughput.CorpusLoader(classes);
        List<String> accepted = new ArrayList<>();
        for (String name : classes.keySet()) {
            if (verifier.verify(program.get(name.replace('.', '/')), classes.get(name)).isEmpty() && links(loader, name)) {
                accepted.add(name);
            }
        }
        return accepted;
    }

    /** Defines the jar's classes in a fresh loader and links the counted ones; how many linked. */
    static int defineAndLink(Map<String, byte[]> classes, List<String> counted) {
        VerifierThroughput.CorpusLoader loader = new VerifierThroughput.CorpusLoader(classes);
        int linked = 0;
        for (String name : counted) {
            linked += links(loader, name) ? 1 : 0;
        }
        return linked;
    }

    private static boolean links(ClassLoader loader, String name) {
        try {
            // getDeclaredMethods links the class (jvm.cpp: link_class before it reads a method), which verifies it
            return Class.forName(name, false, loader).getDeclaredMethods() != null;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }

    /** The child: one define-and-link round of the named jar per line read, its CPU nanoseconds printed. */
    private static void child(Path dir, Path countedFile) throws IOException {
        requireVerification(false);
        Map<String, Map<String, byte[]>> jars = readJars(dir);
        Map<String, List<String>> counted = new LinkedHashMap<>();
        for (String line : Files.readAllLines(countedFile)) {
            String[] parts = line.split("\t");
            counted.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(parts[1]);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String jar; (jar = in.readLine()) != null; ) {
            List<String> names = counted.getOrDefault(jar, List.of());
            long start = threads.getCurrentThreadCpuTime();
            int linked = defineAndLink(jars.get(jar), names);
            long nanos = threads.getCurrentThreadCpuTime() - start;
            if (linked != names.size()) {
                throw new IllegalStateException(jar + ": the JVM with its verifier off linked " + linked + " of " + names.size());
            }
            System.out.println(nanos);
        }
    }

    private static void requireVerification(boolean on) {
        HotSpotDiagnosticMXBean vm = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String value;
        try {
            value = vm.getVMOption(VERIFICATION_FLAG).getValue(); // a diagnostic flag: visible only when unlocked
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("run with -XX:+UnlockDiagnosticVMOptions, so that the benchmark can check "
                    + VERIFICATION_FLAG);
        }
        if (Boolean.parseBoolean(value) != on) {
            throw new IllegalStateException("this JVM must run with " + VERIFICATION_FLAG + (on ? " on" : " off"));
        }
    }

    /** Every class file of every jar in {@code dir} (none under META-INF, no module-info or package-info, as ProgramJar reads a program), by jar name and binary name. */
    static Map<String, Map<String, byte[]>> readJars(Path dir) {
        Map<String, Map<String, byte[]>> jars = new TreeMap<>();
        try (var files = Files.list(dir)) {
            for (Path path : files.filter(p -> p.toString().endsWith(".jar")).toList()) {
                Map<String, byte[]> classes = new LinkedHashMap<>();
                try (JarFile jar = new JarFile(path.toFile())) {
                    for (var entry : Collections.list(jar.entries())) {
                        String name = entry.getName();
                        if (name.endsWith(".class") && !name.startsWith("META-INF/") && !name.endsWith("module-info.class")
                                && !name.endsWith("package-info.class")) {
                            classes.put(name.substring(0, name.length() - ".class".length()).replace('/', '.'),
                                    jar.getInputStream(entry).readAllBytes());
                        }
                    }
                }
                String file = path.getFileName().toString();
                jars.put(file.substring(0, file.length() - ".jar".length()), classes);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the jars in " + dir + " (verifier-fuzz's build copies them)", e);
        }
        return jars;
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }
}
