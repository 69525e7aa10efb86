import it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import it.unimi.dsi.fastutil.longs.Long2ObjectAVLTreeMap;
import it.unimi.dsi.fastutil.objects.Object2IntOpenHashMap;

/** fastutil's primitive maps and lists. */
public class FastutilMaps {
    public static void main(String[] args) {
        Int2IntOpenHashMap squares = new Int2IntOpenHashMap();
        for (int i = 0; i < 1000; i++) squares.put(i, i * i);
        squares.addTo(7, 1);
        System.out.println(squares.size() + " " + squares.get(7) + " " + squares.getOrDefault(5000, -1));
        Object2IntOpenHashMap<String> counts = new Object2IntOpenHashMap<>();
        for (String w : "the quick the lazy the dog".split(" ")) counts.addTo(w, 1);
        System.out.println(counts.getInt("the") + " " + counts.getInt("cat"));
        IntArrayList list = IntArrayList.of(5, 2, 8, 1);
        list.sort(null);
        System.out.println(list + " " + list.intStream().sum());
        Long2ObjectAVLTreeMap<String> tree = new Long2ObjectAVLTreeMap<>();
        tree.put(30L, "c"); tree.put(10L, "a"); tree.put(20L, "b");
        System.out.println(tree + " first " + tree.firstLongKey() + " head " + tree.headMap(25L));
    }
}
