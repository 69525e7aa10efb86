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
import singj.kernel.proc.Proc;

/**
 * What a SIP in its own JVM process costs (docs/isolation.md), side by side in one run:
 * <ul>
 * <li>start: a process SIP of hello from spawn to its exit status (with the AOT cache the launcher
 *     passes, and without), an in-process SIP of the same program, and {@code java -jar} of the same
 *     jar (a plain JVM start) — interleaved round by round, medians;</li>
 * <li>round trips: a Ping and its Pong between a pinger and a ponger, with no payload and with a
 *     1 MiB block that goes there and back, for each placement (both in the kernel's JVM, the
 *     ponger or the pinger in a process, both in processes), each placement with a process twice:
 *     kernel calls over the socket and through lanes in shared memory; the pinger times itself
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
            report.append(roundTrips(kernel, Math.min(rounds, 3), progress));
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

    private static void expectExit(Proc sip) throws InterruptedException {
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
    private record Placement(String name, boolean pongerIsolated, boolean pingerIsolated) {
        boolean anyIsolated() {
            return pongerIsolated || pingerIsolated;
        }
    }

    /**
     * Each placement with a process in it twice, side by side in every round: the kernel calls
     * over the socket only, and through lanes in shared memory ({@code Lane}); the ratio is taken
     * within each round, then its median over rounds.
     */
    private static String roundTrips(Kernel kernel, int rounds, PrintStream progress) throws Exception {
        SealedProgram ponger = SealedPrograms.seal("ponger", Ponger.class, PONGER_MANIFEST);
        SealedProgram pinger = SealedPrograms.seal("pinger", TimedPinger.class, PINGER_MANIFEST);
        List<Placement> placements = List.of(
                new Placement("both in the kernel's JVM", false, false),
                new Placement("ponger in a process", true, false),
                new Placement("pinger in a process", false, true),
                new Placement("both in processes", true, true));
        ChildCommand lanes = ChildCommand.sameJvm();
        ChildCommand socket = lanes.withoutLanes();
        long[] payloads = {0, 1 << 20};
        // [placement][payload][0 socket, 1 lanes][round]
        long[][][][] figures = new long[placements.size()][payloads.length][2][rounds];
        for (int round = 0; round < rounds; round++) {
            for (int p = 0; p < placements.size(); p++) {
                Placement placement = placements.get(p);
                progress.println("process isolation: round trips, round " + (round + 1) + " of " + rounds + ", " + placement.name());
                for (int payload = 0; payload < payloads.length; payload++) {
                    for (int way = 0; way < 2; way++) {
                        int lanesFirst = (way + round) % 2; // alternate which goes first
                        if (!placement.anyIsolated() && lanesFirst == 1) {
                            continue; // nothing crosses: one figure, in column 0
                        }
                        figures[p][payload][lanesFirst][round] = roundTrip(kernel, ponger, pinger, placement, payloads[payload],
                                lanesFirst == 1 ? lanes : socket);
                    }
                }
            }
        }
        StringBuilder table = new StringBuilder();
        table.append("Round trip Ping/Pong, ns (medians of ").append(rounds).append(" rounds of the pinger's batch medians): ")
                .append("kernel calls over the socket, through lanes, lanes/socket (median of each round's ratio), ")
                .append("and lanes relative to both in the kernel's JVM\n");
        table.append(String.format("  %-26s %10s %10s %8s %9s   %10s %10s %8s %9s%n", "", "socket", "lanes", "ratio", "vs JVM",
                "1MiB sock", "1MiB lanes", "ratio", "vs JVM"));
        for (int p = 0; p < placements.size(); p++) {
            table.append(String.format("  %-26s", placements.get(p).name()));
            for (int payload = 0; payload < payloads.length; payload++) {
                long[][] pair = figures[p][payload];
                long base = median(figures[0][payload][0]);
                if (!placements.get(p).anyIsolated()) {
                    table.append(String.format(" %10s %10d %8s %8.1fx  ", "-", base, "-", 1.0));
                    continue;
                }
                double[] ratios = new double[rounds];
                for (int round = 0; round < rounds; round++) {
                    ratios[round] = (double) pair[1][round] / pair[0][round];
                }
                table.append(String.format(" %10d %10d %7.2fx %8.1fx  ", median(pair[0]), median(pair[1]), median(ratios),
                        (double) median(pair[1]) / base));
            }
            table.append('\n');
        }
        return table.toString();
    }

    private static long roundTrip(Kernel kernel, SealedProgram ponger, SealedProgram pinger, Placement placement, long blockBytes,
                                  ChildCommand command) throws Exception {
        Proc server = placement.pongerIsolated() ? kernel.spawnIsolated(ponger, quiet(), command) : kernel.spawn(ponger, quiet());
        try {
            // cross-process round trips take tens of µs: fewer of them per batch
            int count = placement.anyIsolated() ? 2_000 : 50_000;
            var out = new ByteArrayOutputStream();
            SipOptions options = SipOptions.of(new Stdio(InputStream.nullInputStream(), out, System.err), "5",
                    String.valueOf(count), String.valueOf(blockBytes));
            Proc client = placement.pingerIsolated() ? kernel.spawnIsolated(pinger, options, command) : kernel.spawn(pinger, options);
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

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
