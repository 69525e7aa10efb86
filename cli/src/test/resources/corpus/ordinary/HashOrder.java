import java.util.*;

/** Output that depends on hash codes, but deterministically: HashMap/HashSet with Integer, String, record keys. */
public class HashOrder {
    record Key(String name, int n) {}
    enum Suit { CLUBS, DIAMONDS, HEARTS, SPADES }

    public static void main(String[] args) {
        Map<Integer, String> byInt = new HashMap<>();
        for (int i : new int[]{97, 3, 1024, -5, 16, 33, 1, 65536, 17, 250}) byInt.put(i, "v" + i);
        System.out.println("HashMap<Integer> " + byInt);
        System.out.println("keys " + byInt.keySet() + " values " + byInt.values());
        Set<String> words = new HashSet<>(List.of("zeta", "alpha", "omega", "beta", "gamma", "delta", "epsilon", "kappa"));
        System.out.println("HashSet<String> " + words);
        Map<String, Integer> counts = new HashMap<>();
        for (String w : "one two three two three three four four four four".split(" ")) counts.merge(w, 1, Integer::sum);
        System.out.println("counts " + counts);
        for (Map.Entry<String, Integer> e : counts.entrySet()) System.out.println("  " + e.getKey() + "=" + e.getValue() + " hash " + e.getKey().hashCode());
        Set<Key> keys = new HashSet<>();
        for (int i = 0; i < 6; i++) keys.add(new Key("k" + (i % 3), i % 2));
        System.out.println("record keys " + keys.size() + " " + keys);
        Map<Character, Integer> chars = new HashMap<>();
        for (char c : "hash ordering of characters".toCharArray()) chars.merge(c, 1, Integer::sum);
        System.out.println("chars " + chars);
        Map<Long, Boolean> longs = new HashMap<>();
        for (long l = 1; l < 1L << 40; l *= 37) longs.put(l, l % 2 == 0);
        System.out.println("longs " + longs);
        Map<Integer, Integer> growing = new HashMap<>();
        for (int i = 0; i < 40; i += 3) growing.put(i * 7919 % 101, i);
        System.out.println("after resize " + growing);
        Set<Double> doubles = new HashSet<>(List.of(0.5, 1.0, 2.75, -3.0, 100.125));
        System.out.println("doubles " + doubles);
        System.out.println("List.hashCode " + List.of(1, 2, 3).hashCode() + " Set.hashCode " + Set.of("a", "b").hashCode()
                + " Map.hashCode " + Map.of("k", 1).hashCode() + " String " + "singj".hashCode() + " Boolean " + Boolean.TRUE.hashCode()
                + " Long " + Long.valueOf(1L << 40).hashCode() + " Double " + Double.valueOf(1.5).hashCode()
                + " Arrays " + Arrays.hashCode(new String[]{"a", null}) + " Objects " + Objects.hash(1, "two", null));
        Map<Suit, Integer> suits = new HashMap<>();
        for (Suit s : Suit.values()) suits.put(s, s.ordinal());
        System.out.println("enum keys by ordinal-only view " + new TreeMap<>(suits));
        Iterator<Integer> iterator = new HashSet<>(List.of(300, 200, 100, 0)).iterator();
        StringBuilder sb = new StringBuilder();
        while (iterator.hasNext()) sb.append(iterator.next()).append(' ');
        System.out.println("set iteration " + sb.toString().trim());
        LinkedHashMap<Integer, String> lru = new LinkedHashMap<>(16, 0.75f, true) {
            @Override protected boolean removeEldestEntry(Map.Entry<Integer, String> eldest) { return size() > 3; }
        };
        for (int i = 1; i <= 5; i++) {
            lru.put(i, "p" + i);
            lru.get(Math.max(1, i - 2));
        }
        System.out.println("LRU " + lru);
    }
}
