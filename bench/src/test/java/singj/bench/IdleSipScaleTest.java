package singj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import org.junit.jupiter.api.Test;

/** {@code singj bench --scale}: the idle SIPs really hold their resources, and a kill returns every one. */
class IdleSipScaleTest {
    private static final int SIPS = 200;

    @Test
    void twoHundredIdleSipsLeaveNothingBehind() throws Exception {
        IdleSipScale.Result result = IdleSipScale.run(SIPS, new PrintStream(new ByteArrayOutputStream()));
        // what they held at their peak: the check below could have failed
        assertEquals(SIPS, result.held().get("processes"));
        assertEquals(SIPS, result.held().get("channels"));
        assertEquals(SIPS, result.held().get("names"));
        assertEquals(SIPS, result.held().get("exchange_blocks"));
        assertTrue(result.held().get("threads") >= SIPS, "a thread per SIP at least: " + result.held());
        assertEquals(0, result.totalLeaked(), "leaked: " + result.leaked());

        JsonNode json = new ObjectMapper().readTree(result.toJson());
        assertEquals(SIPS, json.get("sips").asInt());
        assertEquals(0, json.get("leaked").asInt());
        assertTrue(json.get("create_ns_per_sip").asDouble() > 0);
        assertTrue(json.get("heap_bytes_per_sip").isNumber());
    }
}
