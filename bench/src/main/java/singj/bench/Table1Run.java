package singj.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * {@code singj bench}: Singularity's Table 1 on SingJ. In each round, every row's {@link Table1}
 * benchmark runs under JMH (in a fork of its own, with warm-up), then its Linux baseline
 * ({@link NativeBaselines}); the ratio Linux / SingJ is taken within the round, since on a shared
 * machine the CPU a program gets drifts within minutes, and the rounds' ratios are summarised by
 * their geometric mean and range. Progress goes to {@code progress} (stderr); only the caller
 * prints results.
 */
public final class Table1Run {
    private final Table1Settings settings;
    private final List<Table1Row> rows;
    private final NativeBaselines natives;
    private final PrintStream progress;

    public Table1Run(Table1Settings settings, List<Table1Row> rows, NativeBaselines natives, PrintStream progress) {
        this.settings = settings;
        this.rows = List.copyOf(rows);
        this.natives = natives;
        this.progress = progress;
    }

    public static Table1Run standard(Table1Settings settings, PrintStream progress) {
        return new Table1Run(settings, List.of(Table1Row.values()), NativeBaselines.standard(), progress);
    }

    /** Runs every round; returns one result per row, in the table's order. */
    public List<Table1Result> run() throws RunnerException {
        Map<Table1Row, List<Double>> singj = new LinkedHashMap<>();
        Map<Table1Row, List<Double>> linux = new LinkedHashMap<>();
        Map<Table1Row, String> unavailable = new LinkedHashMap<>();
        Map<Table1Row, String> sipThreads = new LinkedHashMap<>();
        rows.forEach(row -> {
            singj.put(row, new ArrayList<>());
            linux.put(row, new ArrayList<>());
        });
        String noCompiler = null;
        for (int round = 1; round <= settings.rounds(); round++) {
            for (Table1Row row : rows) {
                progress.printf(Locale.ROOT, "singj bench: round %d/%d %-18s SingJ ...", round, settings.rounds(), row.operation());
                progress.flush();
                Measured measured = measureSingJ(row);
                double ns = measured.ns();
                singj.get(row).add(ns);
                // a round that ran on another scheduler than the one before says so in the table
                sipThreads.merge(row, measured.sipThreads(), (before, now) -> before.equals(now) ? before : before + ", then " + now);
                progress.printf(Locale.ROOT, " %.1f ns", ns);
                if (noCompiler != null || unavailable.containsKey(row)) {
                    progress.println(", Linux unavailable");
                    continue;
                }
                try {
                    NativeBaselines.Measurement baseline = natives.run(row.baseline(), settings.baselineOps(row.baseline()));
                    linux.get(row).add(baseline.nsPerOp());
                    progress.printf(Locale.ROOT, ", Linux %.1f ns: %.2fx%n", baseline.nsPerOp(), baseline.nsPerOp() / ns);
                } catch (NativeBaselineException e) {
                    progress.println(", Linux unavailable");
                    progress.println("singj bench: " + e.getMessage());
                    if (e.getMessage().startsWith("no C compiler")) {
                        noCompiler = e.getMessage(); // says what to install; no other row can have a baseline either
                        for (Table1Row each : rows) {
                            unavailable.putIfAbsent(each, noCompiler);
                        }
                    } else {
                        unavailable.put(row, e.getMessage());
                    }
                }
            }
        }
        List<Table1Result> results = new ArrayList<>();
        for (Table1Row row : rows) {
            results.add(new Table1Result(row, row.mechanism(sipThreads.get(row)), singj.get(row), linux.get(row),
                    unavailable.get(row)));
        }
        return results;
    }

    /** A row's SingJ side in one round: ns per operation, and what the fork's SIP threads ran on. */
    private record Measured(double ns, String sipThreads) {}

    /** One JMH run of the row's benchmark. */
    private Measured measureSingJ(Table1Row row) throws RunnerException {
        Path report;
        try {
            report = Files.createTempFile("singj-bench-sip-threads", ".txt");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make a file for the fork to say what its SIP threads run on", e);
        }
        // JMH refuses to run while another JMH run on the machine holds /tmp/jmh.lock. On a shared
        // machine that made singj bench (and its test) fail whenever someone else benchmarked; a
        // concurrent run is noise like any other load, and each ratio is taken within one round.
        System.setProperty("jmh.ignoreLock", "true");
        Collection<RunResult> results;
        String sipThreads;
        if (settings.forks() == 0) {
            System.setProperty(Table1.SIP_THREADS_REPORT, report.toString()); // the benchmark runs in this JVM (tests)
        }
        try {
            results = new Runner(new OptionsBuilder()
                .include(row.jmhPattern())
                // prepended: the benchmark's own @Fork(jvmArgsAppend) stays as it is
                .jvmArgsPrepend("-D" + Table1.SIP_THREADS_REPORT + "=" + report)
                .forks(settings.forks())
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.milliseconds(settings.warmupTime().toMillis()))
                .measurementIterations(settings.iterations())
                .measurementTime(TimeValue.milliseconds(settings.iterationTime().toMillis()))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build()).run();
            sipThreads = Files.readString(report).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read what the fork's SIP threads ran on from " + report, e);
        } finally {
            System.clearProperty(Table1.SIP_THREADS_REPORT);
            report.toFile().delete();
        }
        if (results.size() != 1) {
            throw new RunnerException("JMH ran " + results.size() + " benchmarks for " + row.operation() + ", expected 1 ("
                    + row.jmhPattern() + ")");
        }
        return new Measured(results.iterator().next().getPrimaryResult().getScore(),
                sipThreads.isEmpty() ? "an unreported scheduler" : sipThreads);
    }

    /** The table, with what it was measured on. */
    public String table(List<Table1Result> results) {
        StringBuilder out = new StringBuilder();
        out.append("Singularity's Table 1 on SingJ (").append(settings.name()).append(": ").append(settings.rounds())
                .append(settings.rounds() == 1 ? " round" : " rounds")
                .append("; ratio = Linux ns / SingJ ns, the geometric mean of the rounds' ratios, higher is better)\n");
        out.append(Table1Result.tableHeader()).append('\n');
        for (Table1Result result : results) {
            out.append(result.tableLine()).append('\n');
        }
        long met = results.stream().filter(Table1Result::meetsBar).count();
        out.append(String.format(Locale.ROOT, "%d of %d rows at or above Singularity's ratio. Load average %s, %d CPUs: "
                        + "only ratios from one run mean anything on a shared machine.%n",
                met, results.size(), loadAverage(), Runtime.getRuntime().availableProcessors()));
        return out.toString();
    }

    /** The results as a JSON array, one object per row. */
    public static String json(List<Table1Result> results) {
        StringBuilder json = new StringBuilder("[\n");
        for (int i = 0; i < results.size(); i++) {
            json.append("  ").append(results.get(i).toJson()).append(i + 1 < results.size() ? ",\n" : "\n");
        }
        return json.append("]").toString();
    }

    /** The 1, 5 and 15 minute load averages, or "unknown". */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).strip().split("\\s+");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (Exception e) {
            return "unknown";
        }
    }
}
