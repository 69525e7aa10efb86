package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.List;
import java.util.regex.Pattern;
import org.json.JSONArray;
import org.json.JSONObject;
import org.junit.jupiter.api.Test;

/**
 * {@code singj bench} as a user runs it: help, refused arguments, and {@code --scale} and
 * {@code --kill} with {@code --json}, whose standard output is the JSON object alone. (The table's
 * rows are tested in the bench module, with tiny iteration counts.)
 */
class BenchCommandTest {
    private record Outcome(int code, String out, String err) {}

    private static Outcome singj(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.execute(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpNamesEveryRowAndOption() {
        Outcome help = singj("bench", "--help");
        assertEquals(0, help.code());
        for (String expected : new String[] {"api-call", "thread-yield", "waitset-ping-pong", "message-ping-pong",
                "process-create", "exchange-1mib", "--quick", "--json", "--scale", "--kill", "--workloads",
                "tight-loop", "class-init-wait", "50-threads"}) {
            assertTrue(help.out().contains(expected), expected + " in: " + help.out());
        }
    }

    @Test
    void aScaleOfZeroIsRefusedInOneLine() {
        Outcome refused = singj("bench", "--scale", "0");
        assertEquals(2, refused.code());
        assertEquals("singj: --scale needs a positive number of SIPs", refused.err().strip());
    }

    @Test
    void scaleWithJsonPrintsOneObjectAndLeaksNothing() {
        Outcome scale = singj("bench", "--scale", "30", "--json");
        assertEquals(0, scale.code(), scale.err());
        String json = scale.out().strip();
        assertTrue(json.startsWith("{") && json.endsWith("}") && json.indexOf('\n') < 0, "only the object: " + json);
        assertEquals("30", field(json, "sips"));
        assertEquals("0", field(json, "leaked"));
        assertTrue(Double.parseDouble(field(json, "create_ns_per_sip")) > 0);
        assertTrue(Long.parseLong(field(json, "heap_bytes_per_sip")) > -1_000_000, json); // after GC: may be ~0 for few SIPs
        assertTrue(scale.err().contains("creating 30 idle SIPs"), "progress on stderr: " + scale.err());
    }

    private static String field(String json, String name) {
        Matcher matcher = Pattern.compile("\"" + name + "\":(-?[0-9.]+)").matcher(json);
        assertTrue(matcher.find(), name + " in " + json);
        return matcher.group(1);
    }

    @Test
    void killTimesEachChosenWorkloadIdleAndLoadedAndEveryKillCompletes() {
        // one workload of each kind of hold-out: its own loop, a handler, JDK code, a swallowed
        // interrupt, a monitor held by another of its threads, a class another thread initialises
        List<String> chosen = List.of("catch-throwable", "regex", "sleep-swallowing", "monitor-blocked", "class-init-wait");
        Outcome kill = singj("bench", "--kill", "--rounds", "2", "--workloads", String.join(",", chosen), "--json");
        assertEquals(0, kill.code(), kill.err());
        String text = kill.out().strip();
        assertTrue(text.startsWith("{") && text.endsWith("}") && text.indexOf('\n') < 0, "only the object: " + text);
        JSONObject json = new JSONObject(text);
        assertEquals(2, json.getInt("rounds_per_column"));
        assertEquals(0, json.getInt("failed"), text);
        assertEquals(0, json.getJSONArray("failures").length(), text);
        assertTrue(json.getDouble("first_kill_ms") > 0, text);

        JSONArray workloads = json.getJSONArray("workloads");
        assertEquals(chosen, workloads.toList().stream().map(w -> ((java.util.Map<?, ?>) w).get("workload")).toList());
        for (int i = 0; i < workloads.length(); i++) {
            JSONObject workload = workloads.getJSONObject(i);
            for (String load : new String[] {"idle", "loaded"}) {
                assertColumn(workload.getJSONObject(load), 2, workload.getString("workload") + " " + load);
            }
        }
        for (String load : new String[] {"idle", "loaded"}) {
            assertColumn(json.getJSONObject("all").getJSONObject(load), 2 * chosen.size(), "all " + load);
        }
        assertTrue(kill.err().contains("monitor-blocked   loaded p50"), "progress on stderr: " + kill.err());
    }

    /** A column of rounds that all ended, released, within the 1 s the kernel promises. */
    private static void assertColumn(JSONObject column, int rounds, String what) {
        assertEquals(rounds, column.getInt("rounds"), what);
        assertEquals(0, column.getInt("failed"), what);
        assertEquals(0, column.getInt("over_1s"), what + ": " + column);
        double p50 = column.getDouble("p50_ms");
        double p99 = column.getDouble("p99_ms");
        double max = column.getDouble("max_ms");
        assertTrue(0 < p50 && p50 <= p99 && p99 <= max && max < 1000, what + ": " + column);
    }

    @Test
    void anUnknownKillWorkloadIsRefusedWithTheNamesThatExist() {
        Outcome refused = singj("bench", "--kill", "--workloads", "tight-loop,fork-bomb");
        assertEquals(2, refused.code());
        assertTrue(refused.err().contains("no workload 'fork-bomb'; the workloads are tight-loop, catch-throwable"),
                refused.err());
        assertEquals("", refused.out());
    }

    @Test
    void workloadsWithoutKillAndKillWithScaleAreRefused() {
        Outcome workloads = singj("bench", "--workloads", "regex");
        assertEquals(2, workloads.code());
        assertEquals("singj: --workloads chooses among the programs of --kill", workloads.err().strip());
        Outcome both = singj("bench", "--kill", "--scale", "10");
        assertEquals(2, both.code());
        assertEquals("singj: --kill and --scale are separate runs; give one", both.err().strip());
    }
}
