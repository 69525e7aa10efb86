package singj.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import singj.bench.workloads.PingPong;
import singj.bench.workloads.Ponger;
import singj.bench.workloads.TimedPinger;
import singj.installer.Installer;
import singj.installer.ProgramJar;
import singj.kernel.Kernel;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.isolate.ChildCommand;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Sip;

/**
 * What a SIP in its own JVM process costs (docs/isolation.md), side by side in one run:
 * <ul>
 * <li>start: a process SIP of hello from spawn to its exit status (with the AOT cache the launcher
 *     passes, and without), an in-process SIP of the same program, and {@code java -jar} of the same
 *     jar (a plain JVM start) — interleaved round by round, medians;</li>
 * <li>round trips: a Ping and its Pong between a pinger and a ponger, with no payload and with a
 *     1 MiB block that goes there and back, for each placement (both in the kernel's JVM, the
 *     ponger or the pinger in a process, both in processes); the pinger times itself
 *     ({@link TimedPinger}), medians of its batches.</li>
 * </ul>
 */
public final class ProcessIsolationBench {
    private static final Map<String, String> PONGER_MANIFEST = Map.of(
            "SingJ-Contracts", PingPong.class.getName(), "SingJ-Registers", Ponger.NAME);
    private static final Map<String, String> PINGER_MANIFEST = Map.of(
            "SingJ-Contracts", PingPong.class.getName(), "SingJ-Opens", "/bench/*");
    private static final Pattern ROUND_TRIP = Pattern.compile("round-trip-ns (\\d+)");

    private ProcessIsolationBench() {}

    /** The report, as a table of text. */
    public static String run(int rounds, PrintStream progress) throws Exception {
        StringBuilder report = new StringBuilder();
        try (Kernel kernel = RunningSip.bootKernel()) {
            report.append(startUp(kernel, rounds, progress));
            report.append('\n');
            report.append(roundTrips(kernel, progress));
        }
        return report.toString();
    }

    // ---- start ---------------------------------------------------------------------------------

    private static String startUp(Kernel kernel, int rounds, PrintStream progress) throws Exception {
        Path jar = helloJar();
        SealedProgram hello = Installer.standard().seal(ProgramJar.read(jar), "hello", 0);
        ChildCommand withCache = ChildCommand.sameJvm();
        ChildCommand withoutCache = withCache.withoutAotCache();
        String java = ProcessHandle.current().info().command().orElse("java");
        long[] plain = new long[rounds];
        long[] inKernel = new long[rounds];
        long[] cached = new long[rounds];
        long[] uncached = new long[rounds];
        for (int round = 0; round < rounds; round++) {
            progress.println("process isolation: start, round " + (round + 1) + " of " + rounds);
            plain[round] = timeJavaJar(java, jar);
            inKernel[round] = time(() -> expectExit(kernel.spawn(hello, quiet())));
            cached[round] = time(() -> expectExit(kernel.spawnIsolated(hello, quiet(), withCache)));
            uncached[round] = time(() -> expectExit(kernel.spawnIsolated(hello, quiet(), withoutCache)));
        }
        long javaJar = median(plain);
        StringBuilder table = new StringBuilder();
        table.append("Start of hello, spawn (or exec) to exit status, median of ").append(rounds).append(" rounds\n");
        table.append(String.format("  %-44s %12s %14s %14s%n", "", "ms", "vs java -jar", "vs in-process"));
        row(table, "java -jar hello.jar (plain JVM)", javaJar, javaJar, median(inKernel));
        row(table, "in-process SIP", median(inKernel), javaJar, median(inKernel));
        row(table, "process SIP" + (withCache.usesAotCache() ? ", AOT cache" : " (no AOT cache given)"), median(cached), javaJar,
                median(inKernel));
        row(table, "process SIP, no AOT cache", median(uncached), javaJar, median(inKernel));
        return table.toString();
    }

    private static void row(StringBuilder table, String what, long nanos, long javaJar, long inKernel) {
        table.append(String.format("  %-44s %12.3f %13.2fx %13.1fx%n", what, nanos / 1e6, (double) nanos / javaJar,
                (double) nanos / inKernel));
    }

    private static Path helloJar() {
        String apps = System.getProperty("singj.apps");
        if (apps != null && Files.isRegularFile(Path.of(apps, "hello.jar"))) {
            return Path.of(apps, "hello.jar");
        }
        throw new IllegalStateException("no hello.jar: run through the singj launcher (it sets singj.apps)");
    }

    private static long timeJavaJar(String java, Path jar) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Process process = new ProcessBuilder(java, "-Xshare:auto", "-jar", jar.toString())
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectErrorStream(true).start();
        if (process.waitFor() != 0) {
            throw new IllegalStateException("java -jar " + jar + " failed");
        }
        return System.nanoTime() - start;
    }

    @FunctionalInterface
    private interface Run {
        void run() throws Exception;
    }

    private static long time(Run run) throws Exception {
        long start = System.nanoTime();
        run.run();
        return System.nanoTime() - start;
    }

    private static void expectExit(Sip sip) throws InterruptedException {
        ExitStatus status = sip.awaitExit(Duration.ofSeconds(60));
        if (status == null || status.code() != 0) {
            throw new IllegalStateException(sip + " did not exit cleanly: " + status);
        }
    }

    private static SipOptions quiet(String... args) {
        return SipOptions.of(new Stdio(InputStream.nullInputStream(), java.io.OutputStream.nullOutputStream(), System.err), args);
    }

    // ---- round trips ---------------------------------------------------------------------------

    /** Where the two run: true for a process of its own. */
    private record Placement(String name, boolean pongerIsolated, boolean pingerIsolated) {}

    private static String roundTrips(Kernel kernel, PrintStream progress) throws Exception {
        SealedProgram ponger = SealedPrograms.seal("ponger", Ponger.class, PONGER_MANIFEST);
        SealedProgram pinger = SealedPrograms.seal("pinger", TimedPinger.class, PINGER_MANIFEST);
        List<Placement> placements = List.of(
                new Placement("both in the kernel's JVM", false, false),
                new Placement("ponger in a process", true, false),
                new Placement("pinger in a process", false, true),
                new Placement("both in processes", true, true));
        StringBuilder table = new StringBuilder();
        table.append("Round trip Ping/Pong, ns (median of the pinger's batches), and relative to both in the kernel's JVM\n");
        table.append(String.format("  %-28s %14s %10s %16s %10s%n", "", "no payload", "", "1 MiB block", ""));
        long[] base = null;
        for (Placement placement : placements) {
            progress.println("process isolation: round trips, " + placement.name());
            long empty = roundTrip(kernel, ponger, pinger, placement, 0);
            long block = roundTrip(kernel, ponger, pinger, placement, 1 << 20);
            if (base == null) {
                base = new long[] {empty, block};
            }
            table.append(String.format("  %-28s %14d %9.1fx %16d %9.1fx%n", placement.name(), empty, (double) empty / base[0], block,
                    (double) block / base[1]));
        }
        return table.toString();
    }

    private static long roundTrip(Kernel kernel, SealedProgram ponger, SealedProgram pinger, Placement placement, long blockBytes)
            throws Exception {
        Sip server = placement.pongerIsolated() ? kernel.spawnIsolated(ponger, quiet()) : kernel.spawn(ponger, quiet());
        try {
            // cross-process round trips take tens of µs: fewer of them per batch
            int count = placement.pongerIsolated() || placement.pingerIsolated() ? 2_000 : 50_000;
            var out = new ByteArrayOutputStream();
            SipOptions options = SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err), "5",
                    String.valueOf(count), String.valueOf(blockBytes));
            Sip client = placement.pingerIsolated() ? kernel.spawnIsolated(pinger, options) : kernel.spawn(pinger, options);
            ExitStatus status = client.awaitExit(Duration.ofMinutes(5));
            if (status == null || status.code() != 0) {
                throw new IllegalStateException("the pinger failed (" + status + "): " + out);
            }
            List<Long> batches = new ArrayList<>();
            Matcher matcher = ROUND_TRIP.matcher(out.toString(StandardCharsets.UTF_8));
            while (matcher.find()) {
                batches.add(Long.parseLong(matcher.group(1)));
            }
            return median(batches.stream().mapToLong(Long::longValue).toArray());
        } finally {
            server.kill(KillCause.REQUESTED, "benchmark over");
            server.awaitExit(Duration.ofSeconds(10));
        }
    }

    private static long median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
