package singj.vfuzz;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * The confusion matrix of a run (SingJ accepts/rejects x HotSpot accepts/rejects) per operator, per
 * source and per kind of StackMapTable; the bad cell (SingJ accepts, HotSpot rejects) by known gap
 * and by HotSpot's message; and the bad mutants themselves, a few of each kind, to save as class files.
 */
public final class Report {
    /** Where a SingJ-only rejection falls under no {@link StricterRule}. */
    static final String UNDOCUMENTED = "UNDOCUMENTED";
    /** Mutants kept per (gap, operator) for reproducers and failure messages. */
    private static final int KEPT_PER_GROUP = 20;

    /** Counts of one row. */
    static final class Row {
        int judged, bothAccept, bad, badInGaps, singjOnlyRejects, bothReject, unresolvable, crashed, slow;

        void add(Fuzzer.Outcome o) {
            judged++;
            switch (o.singj().kind()) {
                case CRASH -> crashed++;
                case SLOW -> slow++;
                default -> {
                    if (o.hotspot().kind() == HotSpotJudge.Kind.UNRESOLVABLE) {
                        unresolvable++;
                    } else if (o.singjAccepts()) {
                        if (o.hotspotRejects()) {
                            bad++;
                            if (o.gap().isPresent()) {
                                badInGaps++;
                            }
                        } else {
                            bothAccept++;
                        }
                    } else if (o.hotspotRejects()) {
                        bothReject++;
                    } else {
                        singjOnlyRejects++;
                    }
                }
            }
        }

        String cells() {
            return "| " + judged + " | " + bothAccept + " | **" + bad + "** (" + badInGaps + " in gaps) | " + singjOnlyRejects
                    + " | " + bothReject + " | " + unresolvable + " | " + (crashed + slow) + " |";
        }
    }

    private final Row total = new Row();
    private final Map<Operator, Row> byOperator = new EnumMap<>(Operator.class);
    private final Map<String, Row> bySource = new LinkedHashMap<>();
    private final Map<Mutation.Frames, Row> byFrames = new EnumMap<>(Mutation.Frames.class);
    private final Map<String, AtomicInteger> gaps = new TreeMap<>();
    private final Map<String, AtomicInteger> badMessages = new TreeMap<>();
    private final Map<String, AtomicInteger> singjOnlyRules = new TreeMap<>();
    /** SingJ rejects, HotSpot accepts: by the documented rule that makes SingJ stricter ({@link StricterRule}). */
    private final Map<String, AtomicInteger> stricterRules = new TreeMap<>();
    private final Map<Operator, AtomicInteger> unbuildable = new ConcurrentHashMap<>();
    private final Map<String, List<Fuzzer.Outcome>> kept = new TreeMap<>();
    private final List<Fuzzer.Outcome> failures = new ArrayList<>();

    synchronized void add(Fuzzer.Outcome o) {
        total.add(o);
        byOperator.computeIfAbsent(o.operator(), k -> new Row()).add(o);
        bySource.computeIfAbsent(o.spec().source().name(), k -> new Row()).add(o);
        byFrames.computeIfAbsent(o.mutation().frames(), k -> new Row()).add(o);
        if (o.singj().kind() == SingJudge.Kind.CRASH || o.singj().kind() == SingJudge.Kind.SLOW) {
            failures.add(o);
            keep("failure-" + o.operator(), o);
        } else if (o.bad()) {
            String gap = o.gap().map(Enum::name).orElse("UNEXPLAINED");
            gaps.computeIfAbsent(gap, k -> new AtomicInteger()).incrementAndGet();
            badMessages.computeIfAbsent(normalise(o.hotspot().error()), k -> new AtomicInteger()).incrementAndGet();
            keep(gap + "-" + o.operator(), o);
        } else if (o.stricter()) {
            // SingJ names classes and members with dots: without them, one rule's refusals group together
            singjOnlyRules.computeIfAbsent(normalise(o.singj().reason()).replaceAll("[\\w$<>]+(?:[./][\\w$<>]+)+", "X"),
                    k -> new AtomicInteger()).incrementAndGet();
            String rule = o.stricterRule().map(Enum::name).orElse(UNDOCUMENTED);
            stricterRules.computeIfAbsent(rule, k -> new AtomicInteger()).incrementAndGet();
            keep("stricter-" + rule + "-" + o.operator(), o);
        }
    }

    void unbuildable(Operator operator) {
        unbuildable.computeIfAbsent(operator, k -> new AtomicInteger()).incrementAndGet();
    }

    private void keep(String group, Fuzzer.Outcome o) {
        List<Fuzzer.Outcome> list = kept.computeIfAbsent(group, k -> new ArrayList<>());
        if (list.size() < KEPT_PER_GROUP) {
            list.add(o);
        }
    }

    public synchronized int judged() {
        return total.judged;
    }

    public synchronized int bad() {
        return total.bad;
    }

    public synchronized int unresolvable() {
        return total.unresolvable;
    }

    /** Judged mutants SingJ accepts and HotSpot rejects, and HotSpot's error is in no known gap (a few of each kind). */
    public synchronized List<Fuzzer.Outcome> unexplained() {
        return kept.entrySet().stream().filter(e -> e.getKey().startsWith("UNEXPLAINED-"))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    public synchronized int unexplainedCount() {
        return gaps.getOrDefault("UNEXPLAINED", new AtomicInteger()).get();
    }

    /** Judged mutants SingJ rejects and HotSpot accepts under no documented stricter rule (a few of each kind). */
    public synchronized List<Fuzzer.Outcome> undocumentedStricter() {
        return kept.entrySet().stream().filter(e -> e.getKey().startsWith("stricter-" + UNDOCUMENTED + "-"))
                .flatMap(e -> e.getValue().stream()).toList();
    }

    public synchronized int undocumentedStricterCount() {
        return stricterRules.getOrDefault(UNDOCUMENTED, new AtomicInteger()).get();
    }

    /** Mutants on which SingJ's verifier failed or took over the limit. */
    public synchronized List<Fuzzer.Outcome> failures() {
        return List.copyOf(failures);
    }

    public synchronized Map<String, Integer> gapCounts() {
        Map<String, Integer> out = new TreeMap<>();
        gaps.forEach((k, v) -> out.put(k, v.get()));
        return out;
    }

    /** A message with names, numbers and offsets taken out, so that mutants with one cause group together. */
    static String normalise(String message) {
        if (message == null) {
            return "";
        }
        String reason = message;
        int at = message.indexOf("Reason:");
        String head = message.lines().findFirst().orElse("");
        if (at >= 0) {
            reason = head + " / " + message.substring(at + "Reason:".length()).strip().lines().findFirst().orElse("");
        } else {
            reason = head;
        }
        return reason.replaceAll("'[^']*'", "'…'").replaceAll("\\b[\\w$/.]+\\.[\\w$<>]+\\([^)]*\\)\\S*", "M()")
                .replaceAll("@ ?\\d+", "@N").replaceAll("\\b\\d+\\b", "N").replaceAll("class [\\w$/.]+", "class C")
                .replaceAll("\\[[a-z-]+\\] [\\w$.]+ ", "$0").strip();
    }

    public synchronized String markdown(String header) {
        StringBuilder out = new StringBuilder();
        out.append("Differential fuzzing of SingJ's verifier against HotSpot: ").append(header).append("\n\n");
        out.append(String.format("%d mutants judged: SingJ accepts and HotSpot rejects %d (%d in known gaps, %d unexplained); "
                        + "%d unresolvable by HotSpot (skipped); %d crashes or verdicts over %d s.%n%n", total.judged, total.bad,
                total.badInGaps, total.bad - total.badInGaps, total.unresolvable, total.crashed + total.slow,
                SingJudge.LIMIT_SECONDS));
        String columns = " | judged | both accept | SingJ accepts, HotSpot rejects | SingJ rejects, HotSpot accepts "
                + "| both reject | unresolvable | SingJ crash or slow |\n";
        String rule = "|---|---:|---:|---:|---:|---:|---:|---:|\n";
        table(out, "operator", columns, rule, byOperator, Enum::name);
        table(out, "source", columns, rule, bySource, s -> s);
        table(out, "frames", columns, rule, byFrames, Enum::name);
        out.append("SingJ accepts, HotSpot rejects, by known gap (`KnownGap`):\n\n| gap | mutants | what SingJ misses |\n|---|---:|---|\n");
        gaps.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v.get()).append(" | ")
                .append(k.equals("UNEXPLAINED") ? "no known gap: a new finding" : KnownGap.valueOf(k).doc()).append(" |\n"));
        out.append("\nSingJ accepts, HotSpot rejects, by HotSpot's message (names and numbers taken out):\n\n");
        top(out, badMessages, 40);
        out.append("\nSingJ rejects, HotSpot accepts, by the rule that makes SingJ stricter on purpose (`StricterRule`):\n\n"
                + "| rule | mutants | what SingJ refuses and HotSpot loads |\n|---|---:|---|\n");
        stricterRules.forEach((k, v) -> out.append("| ").append(k).append(" | ").append(v.get()).append(" | ")
                .append(k.equals(UNDOCUMENTED) ? "no documented rule: a false rejection or an undocumented one"
                        : StricterRule.valueOf(k).doc()).append(" |\n"));
        out.append("\nSingJ rejects, HotSpot accepts, by SingJ's first violation:\n\n");
        top(out, singjOnlyRules, 25);
        if (!unbuildable.isEmpty()) {
            out.append("\nMutants the ClassFile API would not write (another operator was used): ");
            unbuildable.forEach((k, v) -> out.append(k).append(' ').append(v.get()).append("; "));
            out.append('\n');
        }
        return out.toString();
    }

    private static <K> void table(StringBuilder out, String name, String columns, String rule, Map<K, Row> rows,
                                  Function<K, String> label) {
        out.append("| ").append(name).append(columns).append(rule);
        rows.forEach((k, row) -> out.append("| ").append(label.apply(k)).append(' ').append(row.cells()).append('\n'));
        out.append('\n');
    }

    private static void top(StringBuilder out, Map<String, AtomicInteger> counts, int limit) {
        out.append("| mutants | message |\n|---:|---|\n");
        counts.entrySet().stream().sorted(Comparator.comparingInt((Map.Entry<String, AtomicInteger> e) -> -e.getValue().get()))
                .limit(limit).forEach(e -> out.append("| ").append(e.getValue().get()).append(" | `")
                        .append(e.getKey().replace("|", "\\|").replace("`", "'")).append("` |\n"));
    }

    /** Each kept bad mutant and failure as a class file beside a text file that says what was changed and the verdicts. */
    public synchronized void saveReproducers(Path dir, int perGroup) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var old = Files.walk(dir)) { // a run's reproducers replace the last run's
                for (Path p : old.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        for (var group : kept.entrySet()) {
            Path groupDir = dir.resolve(group.getKey());
            Files.createDirectories(groupDir);
            for (Fuzzer.Outcome o : group.getValue().subList(0, Math.min(perGroup, group.getValue().size()))) {
                String base = o.spec().source().name() + "-" + o.spec().number() + "-"
                        + o.spec().className().substring(o.spec().className().lastIndexOf('/') + 1);
                Files.write(groupDir.resolve(base + ".class"), o.mutation().bytes());
                Files.writeString(groupDir.resolve(base + ".txt"), describe(o));
            }
        }
    }

    /** What a fixer needs to reproduce one mutant. */
    public static String describe(Fuzzer.Outcome o) {
        return "source: " + o.spec().source().name() + "\nclass: " + o.spec().className() + "\noperator: " + o.operator()
                + "\nchange: " + o.mutation().description() + "\nframes: " + o.mutation().frames() + "\nmutant: #"
                + o.spec().number() + " (seed " + o.spec().seed() + ")\nSingJ: " + o.singj().kind()
                + (o.singj().reason() == null ? "" : " " + o.singj().reason()) + "\nHotSpot: " + o.hotspot().kind()
                + (o.hotspot().error() == null ? "" : " " + o.hotspot().error()) + "\n";
    }
}
