import org.json.JSONObject;

/** org.json: turning a map into JSON can reach its bean mapping, which reads any object's getters by reflection. */
public class JsonBeans {
    public static void main(String[] args) {
        System.out.println(new JSONObject().put("answer", 42));
    }
}
