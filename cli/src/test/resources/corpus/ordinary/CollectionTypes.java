import java.util.*;

/** The collection types, printed in their (deterministic) iteration orders. */
public class CollectionTypes {
    public static void main(String[] args) {
        List<String> list = new ArrayList<>(List.of("pear", "apple", "fig", "banana", "cherry"));
        list.add(2, "kiwi");
        list.remove("fig");
        System.out.println("list: " + list + " size=" + list.size());
        java.util.Collections.sort(list);
        System.out.println("sorted: " + list);
        java.util.Collections.reverse(list);
        System.out.println("reversed: " + list);
        System.out.println("indexOf(kiwi)=" + list.indexOf("kiwi") + " contains(fig)=" + list.contains("fig"));
        System.out.println("subList(1,3)=" + list.subList(1, 3));

        LinkedList<Integer> linked = new LinkedList<>();
        for (int i = 0; i < 6; i++) {
            if (i % 2 == 0) linked.addFirst(i); else linked.addLast(i);
        }
        System.out.println("linked: " + linked + " first=" + linked.getFirst() + " last=" + linked.getLast());

        Map<String, Integer> lengths = new LinkedHashMap<>();
        for (String s : list) lengths.put(s, s.length());
        lengths.merge("kiwi", 100, Integer::sum);
        lengths.computeIfAbsent("plum", String::length);
        lengths.computeIfPresent("apple", (k, v) -> v * 10);
        System.out.println("linked map: " + lengths);

        TreeMap<String, Integer> tree = new TreeMap<>(lengths);
        System.out.println("tree: " + tree);
        System.out.println("firstKey=" + tree.firstKey() + " lastEntry=" + tree.lastEntry()
                + " headMap(c)=" + tree.headMap("c") + " ceilingKey(d)=" + tree.ceilingKey("d"));
        System.out.println("descending: " + tree.descendingMap());

        Set<Character> letters = new TreeSet<>();
        for (char c : "mississippi".toCharArray()) letters.add(c);
        System.out.println("letters: " + letters);
        Set<String> ordered = new LinkedHashSet<>(List.of("z", "a", "m", "a", "z"));
        System.out.println("linked set: " + ordered);

        Deque<Integer> stack = new ArrayDeque<>();
        for (int i = 1; i <= 5; i++) stack.push(i * i);
        StringBuilder popped = new StringBuilder();
        while (!stack.isEmpty()) popped.append(stack.pop()).append(' ');
        System.out.println("stack pops: " + popped.toString().trim());

        Deque<String> queue = new ArrayDeque<>();
        queue.offer("a"); queue.offer("b"); queue.offerFirst("front"); queue.offerLast("back");
        System.out.println("deque: " + queue + " pollLast=" + queue.pollLast() + " peekFirst=" + queue.peekFirst());

        PriorityQueue<int[]> tasks = new PriorityQueue<>((x, y) -> x[0] != y[0] ? Integer.compare(x[0], y[0]) : Integer.compare(y[1], x[1]));
        int[][] input = {{3, 1}, {1, 7}, {2, 2}, {1, 9}, {5, 0}, {2, 8}};
        for (int[] t : input) tasks.add(t);
        StringBuilder order = new StringBuilder();
        while (!tasks.isEmpty()) {
            int[] t = tasks.poll();
            order.append(t[0]).append('/').append(t[1]).append(' ');
        }
        System.out.println("priority order: " + order.toString().trim());

        PriorityQueue<String> maxHeap = new PriorityQueue<>(Comparator.reverseOrder());
        maxHeap.addAll(List.of("delta", "alpha", "echo", "charlie", "bravo"));
        System.out.print("max heap:");
        while (!maxHeap.isEmpty()) System.out.print(" " + maxHeap.poll());
        System.out.println();

        Iterator<String> it = list.iterator();
        while (it.hasNext()) if (it.next().startsWith("b")) it.remove();
        System.out.println("after iterator remove: " + list);
        List<Integer> immutable = List.of(1, 2, 3);
        try {
            immutable.add(4);
        } catch (UnsupportedOperationException e) {
            System.out.println("List.of is immutable: " + e.getClass().getSimpleName());
        }
        System.out.println("unmodifiable: " + java.util.Collections.unmodifiableMap(new TreeMap<>(Map.of("b", 2, "a", 1))));
        System.out.println("frequency of 's' boxed: " + java.util.Collections.frequency(
                "mississippi".chars().mapToObj(c -> (char) c).toList(), 's'));
        System.out.println("nCopies: " + java.util.Collections.nCopies(3, "ab") + " max=" + java.util.Collections.max(list));
    }
}
