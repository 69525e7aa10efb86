package singj.cli;

import java.io.PrintStream;
import java.io.StringWriter;
import java.util.List;
import singj.installer.Violation;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.json.JsonFactory;

/**
 * Violations as a JSON array for tools: one object per violation with {@code rule}, {@code class},
 * {@code method}, {@code offset}, {@code line} and {@code message}. A class-level violation has a
 * null method and offset; a class file without line numbers gives a null line.
 */
final class ViolationsJson {
    private static final JsonFactory FACTORY = new JsonFactory();

    private ViolationsJson() {}

    static void write(List<Violation> violations, PrintStream out) {
        StringWriter text = new StringWriter();
        try (JsonGenerator json = FACTORY.createGenerator(text)) {
            json.writeStartArray();
            for (Violation violation : violations) {
                json.writeStartObject();
                json.writeStringProperty("rule", violation.rule());
                json.writeStringProperty("class", violation.className());
                if (violation.method().isEmpty()) {
                    json.writeNullProperty("method");
                } else {
                    json.writeStringProperty("method", violation.method());
                }
                numberOrNull(json, "offset", violation.offset());
                numberOrNull(json, "line", violation.line());
                json.writeStringProperty("message", violation.message());
                json.writeEndObject();
            }
            json.writeEndArray();
        }
        out.println(text);
        out.flush();
    }

    private static void numberOrNull(JsonGenerator json, String name, int value) {
        if (value < 0) {
            json.writeNullProperty(name);
        } else {
            json.writeNumberProperty(name, value);
        }
    }
}
