import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** gson data binding over the program's own records, nested and in generic collections. */
public class GsonRecords {
    public record Point(int x, int y) {}

    public record Line(String name, Point from, Point to, List<String> tags) {}

    public record Scores(Map<String, Integer> byName) {}

    public static void main(String[] args) {
        Gson gson = new GsonBuilder().create();
        Line line = new Line("diagonal", new Point(0, 0), new Point(3, 4), List.of("a", "b"));
        String json = gson.toJson(line);
        System.out.println(json);
        Line back = gson.fromJson(json, Line.class);
        System.out.println(back + " equal: " + back.equals(line));
        List<Point> points = gson.fromJson("[{\"x\":1,\"y\":2},{\"x\":5}]", new TypeToken<List<Point>>() {}.getType());
        System.out.println(points);
        Scores scores = new Scores(new TreeMap<>(Map.of("ann", 3, "bob", 5)));
        System.out.println(gson.toJson(scores) + " " + gson.fromJson(gson.toJson(scores), Scores.class));
        System.out.println(new GsonBuilder().setPrettyPrinting().create().toJson(new Point(-1, 1)));
    }
}
