import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.util.List;
import java.util.Map;

/** Jackson data binding over the program's own records and beans, and its tree model. */
public class JacksonBinding {
    public record Point(int x, int y) {}

    public static class Shape {
        private String name;
        private List<Point> points;
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
        System.out.println(back.getName() + " " + back.getPoints());
        JsonNode tree = mapper.readTree("{\"k\":[1,2,3],\"m\":{\"n\":true}}");
        System.out.println(tree.get("k").size() + " " + tree.at("/m/n").asBoolean());
        Map<?, ?> map = mapper.readValue("{\"a\":1,\"b\":[\"x\"]}", Map.class);
        System.out.println(map);
    }
}
