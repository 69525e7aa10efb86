import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Jackson data binding over the program's own records, beans and enums, generic types, and its tree model. */
public class JacksonBinding {
    public record Point(int x, int y) {}

    public enum Kind { POLYGON, CIRCLE }

    public record Tagged(@JsonProperty("label") String name, Kind kind, Map<String, List<Integer>> scores) {}

    public static class Shape {
        private String name;
        private List<Point> points;
        @JsonIgnore
        public String cache = "not written";
        public Shape() {}
        public Shape(String name, List<Point> points) { this.name = name; this.points = points; }
        public String getName() { return name; }
        public void setName(String name) { this.name = name; }
        public List<Point> getPoints() { return points; }
        public void setPoints(List<Point> points) { this.points = points; }
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        Shape triangle = new Shape("triangle", List.of(new Point(0, 0), new Point(4, 0), new Point(0, 3)));
        String json = mapper.writeValueAsString(triangle);
        System.out.println(json);
        Shape back = mapper.readValue(json, Shape.class);
        System.out.println(back.getName() + " " + back.getPoints() + " " + back.cache);

        Map<String, List<Integer>> scores = new TreeMap<>(Map.of("a", List.of(1, 2), "b", List.of()));
        String tagged = new ObjectMapper().writeValueAsString(new Tagged("t", Kind.CIRCLE, scores));
        System.out.println(tagged);
        System.out.println(new ObjectMapper().readValue(tagged, Tagged.class));
        List<Point> points = mapper.readValue("[{\"x\":1,\"y\":2},{\"y\":4,\"x\":3}]", new TypeReference<List<Point>>() {});
        System.out.println(points + " " + points.get(1).getClass().getSimpleName());

        JsonNode tree = mapper.readTree("{\"k\":[1,2,3],\"m\":{\"n\":true},\"s\":\"text\"}");
        System.out.println(tree.get("k").size() + " " + tree.at("/m/n").asBoolean() + " " + tree.get("s").asText());
        ObjectNode built = mapper.createObjectNode().put("id", 7).put("ok", false);
        ArrayNode list = built.putArray("list");
        list.add(1.5).add("two").addObject().put("three", 3);
        System.out.println(mapper.writeValueAsString(built));
        Map<?, ?> map = mapper.readValue("{\"a\":1,\"b\":[\"x\"],\"c\":{\"d\":null}}", Map.class);
        System.out.println(map + " " + map.getClass().getSimpleName());
        Map<String, Object> ordered = new LinkedHashMap<>();
        ordered.put("z", 1);
        ordered.put("y", List.of(Map.of("k", "v")));
        System.out.println(new ObjectMapper().writeValueAsString(ordered));
        try {
            mapper.readValue("{\"x\":\"not a number\"}", Point.class);
        } catch (Exception e) {
            System.out.println(e.getClass().getSimpleName());
        }
    }
}
