import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.reflect.TypeToken;
import java.util.List;
import java.util.Map;

/** gson data binding over the program's own classes: nested objects, lists, maps, generic types. */
public class GsonBinding {
    static class Item {
        String name;
        int quantity;
        double price;
        Item() {}
        Item(String name, int quantity, double price) { this.name = name; this.quantity = quantity; this.price = price; }
        int quantity() { return quantity; }
        double price() { return price; }
        @Override public String toString() { return name + " x" + quantity + " @ " + price; }
    }

    static class Order {
        String customer;
        List<Item> items;
        Map<String, String> notes;
        boolean paid;
        transient String secret = "never written";
    }

    public static void main(String[] args) {
        Gson gson = new GsonBuilder().setPrettyPrinting().create();
        Order order = new Order();
        order.customer = "Ada";
        order.items = List.of(new Item("pen", 3, 1.5), new Item("notebook", 1, 4.25));
        order.notes = Map.of("gift", "yes");
        order.paid = true;
        String json = gson.toJson(order);
        System.out.println(json);

        Order back = gson.fromJson(json, Order.class);
        System.out.println(back.customer + " " + back.items + " " + back.notes + " " + back.paid + " " + back.secret);
        double total = back.items.stream().mapToDouble(i -> i.quantity() * i.price()).sum();
        System.out.println("total " + total);

        List<Item> items = new Gson().fromJson("[{\"name\":\"cup\",\"quantity\":2,\"price\":3.0}]",
                new TypeToken<List<Item>>() {}.getType());
        System.out.println(items);

        JsonObject tree = JsonParser.parseString("{\"a\":[1,2,{\"b\":null}],\"c\":\"d\"}").getAsJsonObject();
        System.out.println(tree.get("a").getAsJsonArray().size() + " " + tree.get("c").getAsString() + " " + tree);
    }
}
