package singj.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One row's figures over the rounds of a run: SingJ's and Linux's ns per operation in each round,
 * and the ratio Linux / SingJ (higher is better for SingJ), summarised by geometric means.
 *
 * @param mechanism what the SingJ side ran on ({@link Table1Row#mechanism}, with the scheduler the
 *     benchmark's JVM gave SIP threads)
 * @param baselineUnavailable why the Linux side could not be measured (no C compiler...), or null
 */
public record Table1Result(Table1Row row, String mechanism, List<Double> singjNs, List<Double> baselineNs,
        String baselineUnavailable) {
    public Table1Result {
        singjNs = List.copyOf(singjNs);
        baselineNs = List.copyOf(baselineNs);
    }

    public double singjMeanNs() {
        return geometricMean(singjNs);
    }

    public boolean hasBaseline() {
        return baselineUnavailable == null && !baselineNs.isEmpty() && baselineNs.size() == singjNs.size();
    }

    public double baselineMeanNs() {
        return hasBaseline() ? geometricMean(baselineNs) : Double.NaN;
    }

    /** Linux / SingJ in each round. */
    public List<Double> roundRatios() {
        List<Double> ratios = new ArrayList<>();
        if (hasBaseline()) {
            for (int i = 0; i < singjNs.size(); i++) {
                ratios.add(baselineNs.get(i) / singjNs.get(i));
            }
        }
        return ratios;
    }

    /** The geometric mean of the rounds' ratios (NaN without a baseline). */
    public double ratio() {
        return hasBaseline() ? geometricMean(roundRatios()) : Double.NaN;
    }

    /** Whether SingJ's ratio is at least Singularity's. */
    public boolean meetsBar() {
        return hasBaseline() && ratio() >= row.singularityRatio();
    }

    /** This row as a JSON object. */
    public String toJson() {
        List<Double> ratios = roundRatios();
        StringBuilder json = new StringBuilder("{");
        field(json, "operation", Json.string(row.operation()));
        field(json, "baseline_ns", Json.number(baselineMeanNs()));
        field(json, "singj_ns", Json.number(singjMeanNs()));
        field(json, "ratio", Json.number(ratio()));
        field(json, "singularity_ratio", Json.number(row.singularityRatio()));
        field(json, "meets_bar", hasBaseline() ? Boolean.toString(meetsBar()) : "null");
        field(json, "ratio_min", Json.number(ratios.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN)));
        field(json, "ratio_max", Json.number(ratios.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)));
        field(json, "rounds", Integer.toString(singjNs.size()));
        field(json, "mechanism", Json.string(mechanism));
        field(json, "baseline", Json.string(row.baseline().operation()));
        field(json, "measures", Json.string(row.description()));
        if (baselineUnavailable != null) {
            field(json, "baseline_unavailable", Json.string(baselineUnavailable));
        }
        json.setLength(json.length() - 1);
        return json.append('}').toString();
    }

    private static void field(StringBuilder json, String name, String value) {
        json.append(Json.string(name)).append(':').append(value).append(',');
    }

    static double geometricMean(List<Double> values) {
        return values.isEmpty() ? Double.NaN
                : Math.exp(values.stream().mapToDouble(Math::log).average().orElseThrow());
    }

    /** The row in the table: operation, Linux ns, SingJ ns, ratio, Singularity's ratio, verdict. */
    String tableLine() {
        String linux = hasBaseline() ? String.format(Locale.ROOT, "%12.1f", baselineMeanNs()) : String.format("%12s", "n/a");
        String ratioText = hasBaseline() ? String.format(Locale.ROOT, "%9.2fx", ratio()) : String.format("%10s", "n/a");
        String spread = hasBaseline() && singjNs.size() > 1
                ? String.format(Locale.ROOT, "%.2f..%.2f", roundRatios().stream().mapToDouble(Double::doubleValue).min().orElseThrow(),
                        roundRatios().stream().mapToDouble(Double::doubleValue).max().orElseThrow())
                : "";
        String verdict = !hasBaseline() ? "baseline unavailable" : meetsBar() ? "meets" : "below";
        return String.format(Locale.ROOT, "%-18s %s %12.1f %s %12s %-14s %-6s %s", row.operation(), linux, singjMeanNs(),
                ratioText, String.format(Locale.ROOT, "%.2fx", row.singularityRatio()), spread, verdict, mechanism);
    }

    static String tableHeader() {
        return String.format("%-18s %12s %12s %10s %12s %-14s %-6s %s", "operation", "Linux ns", "SingJ ns", "Linux/SingJ",
                "Singularity", "rounds", "bar", "SingJ side runs as");
    }
}
