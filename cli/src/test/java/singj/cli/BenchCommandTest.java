package singj.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * {@code singj bench} as a user runs it: help, a refused argument, and {@code --scale} with
 * {@code --json}, whose standard output is the JSON object alone. (The table's rows are tested in
 * the bench module, with tiny iteration counts.)
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
                "process-create", "exchange-1mib", "--quick", "--json", "--scale"}) {
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
}
