package singj.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks in rounds and reports every figure as a ratio to its baseline.
 *
 * <p>The machines this runs on are shared: how much CPU a benchmark gets drifts by a factor of
 * two within minutes, so absolute times are noise and even two figures measured a minute apart
 * are hard to compare. So each round runs one fork of every selected benchmark, in JMH's order,
 * which puts a figure right after its baseline; the ratio is taken within each round, and the
 * rounds' ratios are summarised by their geometric mean and their range.
 *
 * <p>Usage: {@code Ratios [--rounds N] [JMH options and benchmark patterns]}; JMH's own
 * {@code -f} is replaced by one fork per round.
 */
public final class Ratios {
    private static final String TAX = InstrumentationTax.class.getName() + ".";
    private static final String PAIRED = PairedTax.class.getName() + ".";
    private static final String OBJECT_HEAVY = ObjectHeavyTax.class.getName() + ".";
    private static final String START = SipStart.class.getName() + ".";
    private static final String MESSAGES = MessagePassing.class.getName() + ".";
    /** The scores of the Linux pipe baselines, which the C programs measure right after the JMH forks of a round. */
    static final String PIPE = "linuxPipeRoundTrip";
    static final String PIPE_1MIB = "linuxPipe1MiB";
    /** posix_spawn and waitpid of a minimal C program, in µs like SipStart's scores. */
    static final String POSIX_SPAWN = "linuxPosixSpawnAndWait";

    /** The message-passing ratios: what is divided by what, and what it says. */
    private static final List<List<String>> MESSAGE_RATIOS = List.of(
            List.of(PIPE, "sipRoundTrip", "Linux pipe round trip / SIP round trip (target >= 5.6, aim 10)"),
            List.of(PIPE_1MIB, "sipBlockTransfer1MiB", "Linux pipe 1 MiB / SIP 1 MiB block transfer"),
            List.of("synchronousQueueRoundTrip", "sipRoundTrip", "SynchronousQueue round trip / SIP round trip"),
            List.of("sipBlockTransfer1MiB", "sipRoundTrip", "SIP 1 MiB transfer / SIP round trip (about 1: no copy)"));

    /** The prefix of the keys of CPU time per operation ({@link CpuTimePerOperation}). */
    private static final String CPU_PREFIX = "cpu:";
    /** The prefix of the keys of {@link PairedTax}'s CPU-time sums. */
    private static final String PAIRED_PREFIX = "paired ";

    /** Each SipStart figure and the baselines it is compared with. */
    private static final Map<String, List<String>> START_BASELINES = new LinkedHashMap<>();

    static {
        START_BASELINES.put("sipSpawnAndReap",
                List.of(POSIX_SPAWN, "processStartAndWait", "platformThreadStartAndJoin", "virtualThreadStartAndJoin"));
        START_BASELINES.put("sipSpawnUntilMain",
                List.of("platformThreadStartUntilRunning", "virtualThreadStartUntilRunning"));
    }

    private Ratios() {}

    public static void main(String[] args) throws RunnerException {
        int rounds = 2;
        List<String> jmhArgs = new ArrayList<>(List.of(args));
        for (int at; (at = jmhArgs.indexOf("--rounds")) >= 0; ) { // the last one wins
            rounds = Integer.parseInt(jmhArgs.get(at + 1));
            jmhArgs.subList(at, at + 2).clear();
        }
        CommandLineOptions options;
        try {
            options = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            System.err.println("singj-bench: " + e.getMessage());
            System.exit(2);
            return;
        }
        List<Map<String, Double>> scores = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            System.out.println("# ==== round " + round + " of " + rounds + " ====");
            Collection<RunResult> results = new Runner(new OptionsBuilder().parent(options).forks(1).build()).run();
            Map<String, Double> scored = scoresOf(results);
            if (results.stream().anyMatch(run -> run.getParams().getBenchmark().startsWith(MESSAGES))) {
                runPipeBaselines(scored);
            }
            if (results.stream().anyMatch(run -> run.getParams().getBenchmark().startsWith(START))) {
                NativeBaselines.Measurement spawn = NativeBaselines.standard().run(LinuxBaseline.SPAWN, LinuxBaseline.SPAWN.defaultOps());
                System.out.println("# " + spawn);
                scored.put(POSIX_SPAWN, spawn.nsPerOp() / 1000); // SipStart reports µs
            }
            scores.add(scored);
        }
        System.out.println();
        System.out.print(report(scores));
    }

    /** Runs the Linux pipe baselines for the message-passing ratios, in ns per round trip like MessagePassing's scores. */
    private static void runPipeBaselines(Map<String, Double> round) {
        NativeBaselines natives = NativeBaselines.standard();
        for (LinuxBaseline baseline : List.of(LinuxBaseline.PIPE, LinuxBaseline.PIPE_1MIB)) {
            NativeBaselines.Measurement measured = natives.run(baseline, baseline.defaultOps());
            System.out.println("# " + measured);
            round.put(baseline == LinuxBaseline.PIPE ? PIPE : PIPE_1MIB, measured.nsPerOp());
        }
    }

    /** Primary scores by figure: {@code workload[variant]} or the SipStart method name. */
    static Map<String, Double> scoresOf(Collection<RunResult> results) {
        Map<String, Double> scores = new LinkedHashMap<>();
        for (RunResult run : results) {
            String benchmark = run.getParams().getBenchmark();
            double score = run.getPrimaryResult().getScore();
            if (benchmark.startsWith(TAX)) {
                String key = taxKey(benchmark.substring(TAX.length()), run.getParams().getParam("variant"));
                scores.put(key, score);
                Result<?> cpuNanos = run.getSecondaryResults().get("cpuNanos");
                Result<?> operations = run.getSecondaryResults().get("operations");
                if (cpuNanos != null && operations != null) {
                    scores.put(CPU_PREFIX + key, cpuNanos.getScore() / operations.getScore());
                }
            } else if (benchmark.startsWith(PAIRED) || benchmark.startsWith(OBJECT_HEAVY)) {
                String key = benchmark.startsWith(PAIRED)
                        ? pairedKey(benchmark.substring(PAIRED.length()), run.getParams().getParam("variant"))
                        : pairedKey(benchmark.substring(OBJECT_HEAVY.length()), "object-heavy");
                for (String side : List.of("original", "instrumented")) {
                    Result<?> nanos = run.getSecondaryResults().get(side + "CpuNanos");
                    if (nanos != null) {
                        scores.put(key + side, nanos.getScore());
                    }
                }
            } else if (benchmark.startsWith(START)) {
                scores.put(benchmark.substring(START.length()), score);
            } else if (benchmark.startsWith(MESSAGES)) {
                scores.put(benchmark.substring(MESSAGES.length()), score); // ns/op
            }
        }
        return scores;
    }

    private static String taxKey(String workload, String variant) {
        return workload + "[" + variant + "]";
    }

    /** The prefix of the two CPU-time sums of a {@link PairedTax} figure, followed by "original" or "instrumented". */
    private static String pairedKey(String workload, String variant) {
        return PAIRED_PREFIX + workload + " " + variant + " ";
    }

    /** A CPU-time ratio as the report prints it. */
    private static String cpuFigure(RoundRatios r) {
        return String.format("cpu %+6.1f%% (ratio %s, median %.3f)", (r.mean() - 1) * 100, r, r.median());
    }

    static String report(List<Map<String, Double>> rounds) {
        List<String> tax = new ArrayList<>();
        List<String> paired = new ArrayList<>();
        List<String> start = new ArrayList<>();
        Map<String, Double> first = rounds.getFirst();
        for (String key : first.keySet()) {
            int bracket = key.indexOf('[');
            if (bracket > 0 && !key.startsWith(CPU_PREFIX) && !key.endsWith("[plain]")) {
                String workload = key.substring(0, bracket);
                String variant = key.substring(bracket + 1, key.length() - 1);
                String plain = taxKey(workload, InstrumentationTax.Variant.plain.name());
                ratio(rounds, key, plain).ifPresent(wall -> {
                    String line = String.format("%-10s %-15s wall %+6.1f%% (ratio %s)", workload, variant,
                            (wall.mean() - 1) * 100, wall);
                    var cpu = ratio(rounds, CPU_PREFIX + key, CPU_PREFIX + plain);
                    tax.add(cpu.map(r -> line + "   " + cpuFigure(r)).orElse(line));
                });
            }
        }
        for (String key : first.keySet()) {
            if (key.startsWith(PAIRED_PREFIX) && key.endsWith(" instrumented")) {
                String figure = key.substring(PAIRED_PREFIX.length(), key.length() - " instrumented".length());
                String prefix = key.substring(0, key.length() - "instrumented".length());
                ratio(rounds, key, prefix + "original").ifPresent(r ->
                        paired.add(String.format("%-25s %s", figure, cpuFigure(r))));
            }
        }
        START_BASELINES.forEach((figure, baselines) -> {
            for (String baseline : baselines) {
                ratio(rounds, figure, baseline).ifPresent(r ->
                        start.add(String.format("%-18s / %-32s = %s", figure, baseline, r)));
            }
        });
        List<String> messages = new ArrayList<>();
        for (List<String> ratio : MESSAGE_RATIOS) {
            ratio(rounds, ratio.get(0), ratio.get(1)).ifPresent(r ->
                    messages.add(String.format("%-56s = %s", ratio.get(2), r)));
        }
        StringBuilder out = new StringBuilder();
        if (!messages.isEmpty()) {
            out.append("Message passing, over ").append(rounds.size()).append(" rounds (ns/op: ");
            List<String> figures = new ArrayList<>();
            for (String figure : List.of("sipRoundTrip", "sipBlockTransfer1MiB", "synchronousQueueRoundTrip", PIPE, PIPE_1MIB)) {
                List<String> each = new ArrayList<>();
                rounds.forEach(round -> { if (round.containsKey(figure)) each.add(String.format("%.0f", round.get(figure))); });
                if (!each.isEmpty()) {
                    figures.add(figure + " " + String.join("/", each));
                }
            }
            out.append(String.join(", ", figures)).append("):\n");
            messages.forEach(line -> out.append("  ").append(line).append('\n'));
        }
        if (!tax.isEmpty()) {
            out.append("Instrumentation tax, variant / plain - 1 (target < 5%), over ").append(rounds.size())
                    .append(" rounds:\n");
            tax.forEach(line -> out.append("  ").append(line).append('\n'));
        }
        if (!paired.isEmpty()) {
            out.append("Instrumentation tax in pairs (PairedTax, ObjectHeavyTax), instrumented / original CPU time - 1 (target < 5%), over ")
                    .append(rounds.size()).append(" rounds:\n");
            paired.forEach(line -> out.append("  ").append(line).append('\n'));
        }
        if (!start.isEmpty()) {
            out.append("SIP start, SIP / baseline, over ").append(rounds.size()).append(" rounds:\n");
            start.forEach(line -> out.append("  ").append(line).append('\n'));
        }
        return out.toString();
    }

    private static java.util.Optional<RoundRatios> ratio(List<Map<String, Double>> rounds, String figure, String baseline) {
        List<Double> ratios = new ArrayList<>();
        for (Map<String, Double> round : rounds) {
            Double a = round.get(figure);
            Double b = round.get(baseline);
            if (a != null && b != null) {
                ratios.add(a / b);
            }
        }
        return ratios.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(new RoundRatios(ratios));
    }

    /** The per-round ratios of one figure to its baseline. */
    record RoundRatios(List<Double> ratios) {
        double mean() {
            return Math.exp(ratios.stream().mapToDouble(Math::log).average().orElseThrow());
        }

        double median() {
            double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
            int middle = sorted.length / 2;
            return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        }

        @Override
        public String toString() {
            double min = ratios.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            double max = ratios.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            return String.format("%.3f, rounds %.3f..%.3f, n=%d", mean(), min, max, ratios.size());
        }
    }
}
