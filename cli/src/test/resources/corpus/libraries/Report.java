import com.eclipsesource.json.Json;
import com.eclipsesource.json.JsonObject;
import com.eclipsesource.json.JsonValue;
import java.util.Map;
import org.apache.commons.lang3.StringUtils;
import org.apache.commons.text.StringSubstitutor;
import org.apache.commons.text.WordUtils;

/** A plugin a person might write: JSON in and out (minimal-json), text (commons-text and commons-lang3). */
public class Report {
    public static void main(String[] args) {
        JsonObject order = Json.parse("""
                {"customer": "ada lovelace",
                 "items": [{"name": "difference engine", "qty": 2}, {"name": "punch cards", "qty": 500}]}""").asObject();
        String customer = WordUtils.capitalizeFully(order.getString("customer", "nobody"));
        int total = 0;
        for (JsonValue value : order.get("items").asArray()) {
            JsonObject item = value.asObject();
            total += item.getInt("qty", 0);
            System.out.println(StringUtils.rightPad(item.getString("name", "?"), 20, '.')
                    + StringUtils.leftPad(Integer.toString(item.getInt("qty", 0)), 5));
        }
        System.out.println(new StringSubstitutor(Map.of("who", customer, "n", total)).replace("${who} ordered ${n} things"));
        System.out.println(Json.object().add("customer", customer).add("total", total));
        System.out.println(StringUtils.abbreviate(StringUtils.repeat("ab", 20), 12));
    }
}
