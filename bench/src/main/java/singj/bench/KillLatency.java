package singj.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import singj.bench.workloads.runaway.BigIntegerPower;
import singj.bench.workloads.runaway.CatchThrowableLoop;
import singj.bench.workloads.runaway.ClassInitWait;
import singj.bench.workloads.runaway.EndlessFinally;
import singj.bench.workloads.runaway.ManySpinningThreads;
import singj.bench.workloads.runaway.MonitorHeldBySpinner;
import singj.bench.workloads.runaway.RegexBacktracking;
import singj.bench.workloads.runaway.SleepSwallowingInterrupts;
import singj.bench.workloads.runaway.SortRandomNumbers;
import singj.bench.workloads.runaway.StreamToLongMaxValue;
import singj.bench.workloads.runaway.TightLoop;
import singj.bench.workloads.runaway.WaitSwallowingInterrupts;
import singj.installer.SystemImage;
import singj.kernel.Kernel;
import singj.kernel.KernelConfig;
import singj.kernel.SealedProgram;
import singj.kernel.SipOptions;
import singj.kernel.Stdio;
import singj.kernel.proc.ExitStatus;
import singj.kernel.proc.KillCause;
import singj.kernel.proc.Proc;
import singj.kernel.proc.SipState;

/**
 * {@code singj bench --kill}: how long a kill takes, from the call to {@code Proc.kill} until the
 * SIP is fully released (its exit status completes only after release), over programs that never
 * end by themselves ({@code workloads/runaway}). Each round spawns one, waits for the line it prints
 * once inside its endless code, lets it run {@link #RUN_BEFORE_KILL}, kills it and times the kill;
 * then checks that the SIP is {@code DEAD} with no thread. Every workload runs its rounds twice:
 * on an otherwise idle JVM, and with {@link HostLoad#THREADS} platform threads of the host
 * spinning beside it, since a kill has to get CPU time to happen.
 */
public final class KillLatency {
    public static final int DEFAULT_ROUNDS = 20;
    /** How long each SIP runs after its line before the kill: deep into its loop, call or wait. */
    static final Duration RUN_BEFORE_KILL = Duration.ofMillis(100);
    /** The kernel's promise: a kill completes within this. */
    static final Duration LIMIT = Duration.ofSeconds(1);
    /** A kill not complete by then counts as failed. */
    static final Duration GIVE_UP = Duration.ofSeconds(10);
    /** How long a SIP may take to print its line (the sort draws 20 million numbers first). */
    private static final Duration STARTUP = Duration.ofSeconds(60);
    private static final String KILL_DETAIL = "kill benchmark";

    private KillLatency() {}

    /** The runaway programs, by the name {@code --workloads} takes. */
    public enum Workload {
        TIGHT_LOOP("tight-loop", TightLoop.class),
        CATCH_THROWABLE("catch-throwable", CatchThrowableLoop.class),
        ENDLESS_FINALLY("endless-finally", EndlessFinally.class),
        REGEX("regex", RegexBacktracking.class),
        BIGINTEGER_POW("biginteger-pow", BigIntegerPower.class),
        STREAM_SUM("stream-sum", StreamToLongMaxValue.class),
        SORT("sort", SortRandomNumbers.class),
        SLEEP("sleep-swallowing", SleepSwallowingInterrupts.class),
        WAIT("wait-swallowing", WaitSwallowingInterrupts.class),
        MONITOR("monitor-blocked", MonitorHeldBySpinner.class),
        CLASS_INIT("class-init-wait", ClassInitWait.class),
        THREADS("50-threads", ManySpinningThreads.class);

        public final String label;
        final Class<?> mainClass;

        Workload(String label, Class<?> mainClass) {
            this.label = label;
            this.mainClass = mainClass;
        }

        /** The workload called {@code label}; the error names them all. */
        public static Workload named(String label) {
            for (Workload workload : values()) {
                if (workload.label.equals(label)) {
                    return workload;
                }
            }
            throw new IllegalArgumentException("no workload '" + label + "'; the workloads are "
                    + Arrays.stream(values()).map(w -> w.label).collect(Collectors.joining(", ")));
        }
    }

    /** The two columns: the JVM otherwise idle, or host threads spinning on every core. */
    public enum Load {
        IDLE("idle"), LOADED("loaded");

        public final String label;

        Load(String label) {
            this.label = label;
        }
    }

    /**
     * One kill. {@code number} 0 is the workload's warm-up, in no column; {@code nanos} is from
     * the kill call to the exit status (-1 if the round never got to the kill); {@code failure}
     * says what went wrong, or is null.
     */
    public record Round(Workload workload, Load load, int number, long nanos, String failure) {
        boolean timed() {
            return nanos >= 0;
        }

        boolean measured() {
            return number > 0;
        }
    }

    /** The distribution of one column, in milliseconds; NaN when no round was timed. */
    public record Stats(int rounds, double p50, double p99, double max, int overLimit, int failed) {
        static Stats of(List<Round> rounds) {
            long[] nanos = rounds.stream().filter(Round::timed).mapToLong(Round::nanos).sorted().toArray();
            int failed = (int) rounds.stream().filter(r -> r.failure() != null).count();
            int over = (int) Arrays.stream(nanos).filter(n -> n > LIMIT.toNanos()).count();
            if (nanos.length == 0) {
                return new Stats(rounds.size(), Double.NaN, Double.NaN, Double.NaN, over, failed);
            }
            return new Stats(rounds.size(), percentile(nanos, 0.50), percentile(nanos, 0.99),
                    nanos[nanos.length - 1] / 1e6, over, failed);
        }

        /** Nearest rank: the smallest value at least {@code p} of the values are at or below. */
        private static double percentile(long[] sorted, double p) {
            int rank = (int) Math.ceil(p * sorted.length);
            return sorted[Math.max(rank, 1) - 1] / 1e6;
        }

        String toJson() {
            return "{\"rounds\":" + rounds + ",\"p50_ms\":" + Json.number(p50) + ",\"p99_ms\":" + Json.number(p99)
                    + ",\"max_ms\":" + Json.number(max) + ",\"over_1s\":" + overLimit + ",\"failed\":" + failed + "}";
        }
    }

    /**
     * What was measured.
     *
     * @param firstKillNanos the first kill in this JVM (a warm-up round, not in the columns): it
     *     also loads the kernel's JVMTI library if that kill needs it
     * @param loadAtStart the machine's load average over a minute at the start (and {@code loadAtEnd},
     *     at the end): on a shared machine, how idle "idle" was
     */
    public record Result(int roundsPerColumn, List<Workload> workloads, List<Round> rounds, long firstKillNanos,
                         double loadAtStart, double loadAtEnd) {
        public Stats stats(Workload workload, Load load) {
            return Stats.of(rounds.stream().filter(r -> r.measured() && r.workload() == workload && r.load() == load).toList());
        }

        public Stats all(Load load) {
            return Stats.of(rounds.stream().filter(r -> r.measured() && r.load() == load).toList());
        }

        /** The rounds that went wrong, warm-ups included. */
        public List<Round> failures() {
            return rounds.stream().filter(r -> r.failure() != null).toList();
        }

        public String toJson() {
            StringBuilder json = new StringBuilder("{");
            json.append("\"rounds_per_column\":").append(roundsPerColumn);
            json.append(",\"run_before_kill_ms\":").append(RUN_BEFORE_KILL.toMillis());
            json.append(",\"load_threads\":").append(HostLoad.THREADS);
            json.append(",\"first_kill_ms\":").append(Json.number(firstKillNanos / 1e6));
            json.append(",\"cores\":").append(Runtime.getRuntime().availableProcessors());
            json.append(",\"load_average_start\":").append(Json.number(loadAtStart));
            json.append(",\"load_average_end\":").append(Json.number(loadAtEnd));
            json.append(",\"workloads\":[");
            for (Workload workload : workloads) {
                json.append(workload == workloads.getFirst() ? "" : ",");
                json.append("{\"workload\":").append(Json.string(workload.label));
                for (Load load : Load.values()) {
                    json.append(",\"").append(load.label).append("\":").append(stats(workload, load).toJson());
                }
                json.append('}');
            }
            json.append("],\"all\":{");
            for (Load load : Load.values()) {
                json.append(load == Load.IDLE ? "" : ",").append('"').append(load.label).append("\":").append(all(load).toJson());
            }
            json.append("},\"failed\":").append(failures().size()).append(",\"failures\":[");
            List<Round> failures = failures();
            for (Round round : failures) {
                json.append(round == failures.getFirst() ? "" : ",");
                json.append("{\"workload\":").append(Json.string(round.workload().label));
                json.append(",\"load\":").append(Json.string(round.load().label));
                json.append(",\"round\":").append(round.number());
                json.append(",\"reason\":").append(Json.string(round.failure())).append('}');
            }
            return json.append("]}").toString();
        }

        public String report() {
            StringBuilder table = new StringBuilder();
            table.append(String.format(Locale.ROOT, "Kill to released, in ms: %d rounds per workload and column, each "
                    + "killed %d ms into its endless code%n", roundsPerColumn, RUN_BEFORE_KILL.toMillis()));
            table.append(String.format(Locale.ROOT, "%-18s%-33s%s%n", "", "    idle",
                    "    loaded (" + HostLoad.THREADS + " host threads spinning)"));
            table.append(String.format(Locale.ROOT, "%-17s %7s %7s %7s %6s   %7s %7s %7s %6s%n", "workload",
                    "p50", "p99", "max", ">1 s", "p50", "p99", "max", ">1 s"));
            for (Workload workload : workloads) {
                table.append(row(workload.label, stats(workload, Load.IDLE), stats(workload, Load.LOADED)));
            }
            table.append(row("all", all(Load.IDLE), all(Load.LOADED)));
            table.append(String.format(Locale.ROOT, "first kill in this JVM (warm-up, not above): %.1f ms%n",
                    firstKillNanos / 1e6));
            table.append(String.format(Locale.ROOT, "machine load average: %.1f at the start, %.1f at the end, on %d cores%n",
                    loadAtStart, loadAtEnd, Runtime.getRuntime().availableProcessors()));
            List<Round> failures = failures();
            if (failures.isEmpty()) {
                table.append("every kill completed, and left its SIP DEAD with 0 threads\n");
            } else {
                table.append(failures.size()).append(" rounds FAILED:\n");
                for (Round round : failures) {
                    table.append("  ").append(describe(round)).append('\n');
                }
            }
            return table.toString();
        }

        private static String row(String label, Stats idle, Stats loaded) {
            return String.format(Locale.ROOT, "%-17s %s   %s%n", label, cells(idle), cells(loaded));
        }

        private static String cells(Stats stats) {
            String cells = String.format(Locale.ROOT, "%7.1f %7.1f %7.1f %6d", stats.p50(), stats.p99(), stats.max(),
                    stats.overLimit());
            return stats.failed() == 0 ? cells : cells + " (" + stats.failed() + " failed)";
        }
    }

    static String describe(Round round) {
        return round.workload().label + ", " + (round.measured() ? round.load().label + ", round " + round.number() : "warm-up")
                + ": " + round.failure();
    }

    /** Runs {@code rounds} rounds of each of {@code workloads}, idle and loaded, in a kernel of its own. */
    public static Result run(List<Workload> workloads, int rounds, PrintStream progress) throws InterruptedException {
        if (rounds <= 0) {
            throw new IllegalArgumentException("--rounds needs a positive number, not " + rounds);
        }
        if (workloads.isEmpty()) {
            throw new IllegalArgumentException("no workload to run");
        }
        Path directory;
        try {
            directory = Files.createTempDirectory("singj-bench-kill");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (Kernel kernel = Kernel.boot(new SystemImage(directory), KernelConfig.defaults())) {
            Map<Workload, SealedProgram> programs = new EnumMap<>(Workload.class);
            for (Workload workload : workloads) {
                programs.put(workload, SealedPrograms.seal(workload.label, workload.mainClass));
            }
            return measure(kernel, programs, rounds, progress);
        } finally {
            Table1.Image.deleteTree(directory);
        }
    }

    private static Result measure(Kernel kernel, Map<Workload, SealedProgram> programs, int rounds, PrintStream progress)
            throws InterruptedException {
        double loadAtStart = loadAverage();
        progress.println("singj bench: warm-up, one kill of each workload");
        List<Round> all = new ArrayList<>();
        for (var program : programs.entrySet()) {
            Round warmUp = round(kernel, program.getKey(), program.getValue(), Load.IDLE, 0);
            if (warmUp.failure() != null) {
                progress.println("singj bench: FAILED " + describe(warmUp));
            }
            all.add(warmUp);
        }
        long firstKill = all.getFirst().nanos();
        for (var program : programs.entrySet()) {
            Workload workload = program.getKey();
            for (Load load : Load.values()) {
                List<Round> column = new ArrayList<>(rounds);
                HostLoad hostLoad = load == Load.LOADED ? HostLoad.start() : null;
                try {
                    for (int i = 1; i <= rounds; i++) {
                        Round round = round(kernel, workload, program.getValue(), load, i);
                        if (round.failure() != null) {
                            progress.println("singj bench: FAILED " + describe(round));
                        }
                        column.add(round);
                    }
                } finally {
                    if (hostLoad != null) {
                        hostLoad.stop();
                    }
                }
                Stats stats = Stats.of(column);
                progress.printf(Locale.ROOT, "singj bench: %-17s %-6s p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
                        workload.label, load.label, stats.p50(), stats.p99(), stats.max());
                all.addAll(column);
            }
        }
        return new Result(rounds, List.copyOf(programs.keySet()), List.copyOf(all), firstKill,
                loadAtStart, loadAverage());
    }

    /** The machine's load average over the last minute, or NaN where the OS does not say. */
    private static double loadAverage() {
        double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return load < 0 ? Double.NaN : load;
    }

    /** Spawns one SIP of {@code program}, kills it once it runs its endless code, and times the kill. */
    private static Round round(Kernel kernel, Workload workload, SealedProgram program, Load load, int number)
            throws InterruptedException {
        LineWatch out = new LineWatch();
        LineWatch err = new LineWatch();
        Proc sip = kernel.spawn(program, SipOptions.of(new Stdio(InputStream.nullInputStream(), out, err)));
        if (!out.awaitLine(STARTUP)) {
            sip.kill(KillCause.REQUESTED, KILL_DETAIL);
            sip.awaitExit(GIVE_UP);
            return new Round(workload, load, number, -1, "printed no line within " + STARTUP.toSeconds()
                    + " s of its spawn (" + sip.exitStatus().getNow(null) + "; stderr: " + err.text().strip() + ")");
        }
        Thread.sleep(RUN_BEFORE_KILL.toMillis());

        long start = System.nanoTime();
        boolean killed = sip.kill(KillCause.REQUESTED, KILL_DETAIL);
        ExitStatus status = sip.awaitExit(GIVE_UP);
        long nanos = System.nanoTime() - start;

        if (!killed) {
            return new Round(workload, load, number, -1, "ended by itself before the kill: " + status
                    + " (stderr: " + err.text().strip() + ")");
        }
        if (status == null) {
            return new Round(workload, load, number, nanos, "not released within " + GIVE_UP.toSeconds()
                    + " s of the kill: still " + sip.state() + " with " + sip.threadCount() + " threads ("
                    + sip.holdUp() + ")");
        }
        if (!status.equals(ExitStatus.killed(KillCause.REQUESTED, KILL_DETAIL))) {
            return new Round(workload, load, number, nanos, "ended with " + status + " instead of the kill's status");
        }
        if (sip.state() != SipState.DEAD || sip.threadCount() != 0) {
            return new Round(workload, load, number, nanos, "released, but " + sip.state() + " with "
                    + sip.threadCount() + " threads");
        }
        return new Round(workload, load, number, nanos, null);
    }

    /** A SIP's standard stream: keeps what it writes, and tells when its first line is complete. */
    private static final class LineWatch extends OutputStream {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final CountDownLatch line = new CountDownLatch(1);

        @Override
        public synchronized void write(int b) {
            bytes.write(b);
            if (b == '\n') {
                line.countDown();
            }
        }

        @Override
        public synchronized void write(byte[] b, int off, int len) {
            bytes.write(b, off, len);
            for (int i = off; i < off + len; i++) {
                if (b[i] == '\n') {
                    line.countDown();
                    break;
                }
            }
        }

        boolean awaitLine(Duration timeout) throws InterruptedException {
            return line.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }

        synchronized String text() {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    /** Platform threads of the host, outside any SIP, that keep the cores busy until stopped. */
    static final class HostLoad {
        static final int THREADS = 2;
        private final List<Thread> threads = new ArrayList<>(THREADS);
        private volatile boolean stopped;
        /** Where the spinners' arithmetic goes, so that the JIT cannot drop it. */
        private volatile long sink;

        private HostLoad() {}

        static HostLoad start() {
            HostLoad load = new HostLoad();
            for (int i = 0; i < THREADS; i++) {
                Thread thread = Thread.ofPlatform().name("singj-bench-load-" + i).daemon().start(load::spin);
                load.threads.add(thread);
            }
            return load;
        }

        private void spin() {
            long x = Thread.currentThread().threadId();
            while (!stopped) {
                for (int i = 0; i < 1_000; i++) {
                    x = x * 6364136223846793005L + 1442695040888963407L;
                }
            }
            sink = x;
        }

        void stop() throws InterruptedException {
            stopped = true;
            for (Thread thread : threads) {
                thread.join();
            }
        }
    }
}
