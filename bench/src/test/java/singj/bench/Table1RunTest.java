package singj.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code singj bench}'s run, with tiny iteration counts: every row measured, and the JSON parses and has every row. */
class Table1RunTest {
    @Test
    void theJsonHasEveryRowWithBothSidesMeasured() throws Exception {
        ByteArrayOutputStream progress = new ByteArrayOutputStream();
        Table1Run run = Table1Run.standard(Table1Settings.smoke(), new PrintStream(progress, true, StandardCharsets.UTF_8));
        List<Table1Result> results = run.run();

        JsonNode rows = new ObjectMapper().readTree(Table1Run.json(results));
        assertTrue(rows.isArray());
        assertEquals(Table1Row.values().length, rows.size());
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            Table1Row expected = Table1Row.values()[i];
            assertEquals(expected.operation(), row.get("operation").asText());
            assertTrue(row.get("singj_ns").isNumber() && row.get("singj_ns").asDouble() > 0, row.toString());
            assertTrue(row.get("baseline_ns").isNumber() && row.get("baseline_ns").asDouble() > 0, row.toString());
            assertEquals(row.get("baseline_ns").asDouble() / row.get("singj_ns").asDouble(), row.get("ratio").asDouble(),
                    row.get("ratio").asDouble() * 0.01, "one round: the ratio is Linux / SingJ");
            assertEquals(expected.singularityRatio(), row.get("singularity_ratio").asDouble());
            assertTrue(row.get("meets_bar").isBoolean());
            // the forks open java.lang (Table1's @Fork): SIP threads on SingJ's carrier pool, as by default
            assertEquals(expected.mechanism("singj-carriers"), row.get("mechanism").asText());
        }
        String table = run.table(results);
        for (Table1Row row : Table1Row.values()) {
            assertTrue(table.lines().anyMatch(line -> line.startsWith(row.operation()) && line.endsWith(row.mechanism("singj-carriers"))),
                    "the row and what it ran on: " + table);
        }
        assertTrue(progress.toString(StandardCharsets.UTF_8).contains("round 1/1"), "progress went to the progress stream");
    }

    @Test
    void withoutACompilerTheRowsSayWhyAndTheRunGoesOn(@TempDir Path empty) throws Exception {
        Table1Run run = new Table1Run(Table1Settings.smoke(), List.of(Table1Row.API_CALL),
                NativeBaselines.in(empty, Map.of("PATH", empty.toString())), new PrintStream(new ByteArrayOutputStream()));
        List<Table1Result> results = run.run();
        JsonNode row = new ObjectMapper().readTree(Table1Run.json(results)).get(0);
        assertTrue(row.get("baseline_ns").isNull());
        assertTrue(row.get("singj_ns").asDouble() > 0);
        assertTrue(row.get("baseline_unavailable").asText().contains("install gcc"), row.toString());
        assertFalse(results.getFirst().meetsBar());
    }

    @Test
    void everyRowNamesABenchmarkThatExists() {
        for (Table1Row row : Table1Row.values()) {
            assertTrue(Arrays.stream(Table1.class.getMethods()).anyMatch(m -> m.getName().equals(row.benchmark())), row.name());
        }
    }
}
