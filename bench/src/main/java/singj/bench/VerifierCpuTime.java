package singj.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@link VerifierThroughput}'s operations timed by the CPU time of the thread that runs them, not
 * by the clock: on a machine shared with other work the clock mostly measures the wait for a core,
 * the thread's CPU time much less so (the JIT compiler's threads are not counted either, so the
 * figures are of warmed-up code). SingJ's verifier and the JVM's define-and-link with its verifier
 * on alternate in this JVM; a child JVM with the verifier off gives the baseline, so the JVM's
 * verifier costs the difference. Prints the medians of the second half of the rounds.
 *
 * <pre>java -cp bench/target/benchmarks.jar singj.bench.VerifierCpuTime [rounds]</pre>
 */
public final class VerifierCpuTime {
    private static final String MODULES = "jdk.compiler,jdk.javadoc";
    private static final String VERIFIER_OFF = "--verifier-off";

    private VerifierCpuTime() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        boolean verifierOff = args.length > 0 && args[0].equals(VERIFIER_OFF);
        int rounds = Integer.parseInt(args.length > (verifierOff ? 1 : 0) ? args[verifierOff ? 1 : 0] : "20");
        VerifierThroughput benchmark = new VerifierThroughput();
        benchmark.module = MODULES;
        benchmark.setUp();
        int classes = benchmark.classes.size();
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        List<Long> singj = new ArrayList<>();
        List<Long> jvm = new ArrayList<>();
        for (int round = 0; round < rounds; round++) {
            boolean counted = round >= rounds / 2; // the first half warms up
            if (!verifierOff) {
                long start = threads.getCurrentThreadCpuTime();
                if (!benchmark.singj().isEmpty()) {
                    throw new IllegalStateException("SingJ's verifier rejected a class of " + MODULES);
                }
                add(counted, singj, threads.getCurrentThreadCpuTime() - start);
            }
            long start = threads.getCurrentThreadCpuTime();
            benchmark.jvmDefineAndVerify();
            add(counted, jvm, threads.getCurrentThreadCpuTime() - start);
        }
        if (verifierOff) {
            System.out.println(median(jvm)); // for the parent
            return;
        }
        double off = Double.parseDouble(childWithVerifierOff(rounds));
        double singjMs = median(singj);
        double jvmVerifierMs = median(jvm) - off;
        System.out.printf("%d classes, CPU ms per operation (median of %d rounds):%n", classes, rounds - rounds / 2);
        System.out.printf("  SingJ: parse + format + types        %7.1f ms  %,8.0f classes/s%n", singjMs, classes / singjMs * 1000);
        System.out.printf("  JVM: define + link, verifier on      %7.1f ms%n", median(jvm));
        System.out.printf("  JVM: define + link, verifier off     %7.1f ms%n", off);
        System.out.printf("  JVM's verifier alone (the difference)%7.1f ms  %,8.0f classes/s%n", jvmVerifierMs,
                classes / jvmVerifierMs * 1000);
        System.out.printf("  SingJ / JVM's verifier: %.2f%n", singjMs / jvmVerifierMs);
    }

    private static void add(boolean counted, List<Long> into, long nanos) {
        if (counted) {
            into.add(nanos);
        }
    }

    /** Runs the define-and-link rounds in a JVM whose verifier is off; its median in ms. */
    private static String childWithVerifierOff(int rounds) throws IOException, InterruptedException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(java, "-Xms1g", "-Xmx1g", "-XX:+UnlockDiagnosticVMOptions",
                "-XX:-BytecodeVerificationRemote", "-cp", System.getProperty("java.class.path"),
                VerifierCpuTime.class.getName(), VERIFIER_OFF, Integer.toString(rounds))
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        List<String> lines = new String(child.getInputStream().readAllBytes()).lines().toList();
        if (child.waitFor() != 0 || lines.isEmpty()) {
            throw new IllegalStateException("the JVM with its verifier off failed: " + lines);
        }
        return lines.getLast();
    }

    private static double median(List<Long> nanos) {
        List<Long> sorted = new ArrayList<>(nanos);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2) / 1e6;
    }
}
