import java.util.*;

/** Plenty of short-lived garbage and a moderately large live structure: harmless, and must not trip a memory quota. */
public class Allocations {
    record Node(int id, String label, Node next) {}

    public static void main(String[] args) {
        long checksum = 0;
        for (int round = 0; round < 200; round++) {
            List<String> garbage = new ArrayList<>();
            for (int i = 0; i < 2000; i++) garbage.add("item-" + round + "-" + i);
            checksum += garbage.get(round % garbage.size()).hashCode();
            int[] scratch = new int[10_000];
            scratch[round] = round;
            checksum += scratch.length;
        }
        System.out.println("garbage rounds checksum " + checksum);
        Map<Integer, int[]> live = new HashMap<>();
        for (int i = 0; i < 2000; i++) live.put(i, new int[2500]);   // about 20 MB kept alive
        long cells = 0;
        for (int[] a : live.values()) cells += a.length;
        System.out.println("live arrays " + live.size() + " cells " + cells);
        Node head = null;
        for (int i = 0; i < 200_000; i++) head = new Node(i, i % 1000 == 0 ? "milestone " + i : null, head);
        int milestones = 0;
        for (Node n = head; n != null; n = n.next()) if (n.label() != null) milestones++;
        System.out.println("linked nodes, milestones " + milestones + " head " + head.id());
        StringBuilder big = new StringBuilder();
        for (int i = 0; i < 100_000; i++) big.append((char) ('a' + i % 26));
        System.out.println("big builder " + big.length() + " " + big.substring(0, 30));
        byte[][] blocks = new byte[16][];
        for (int i = 0; i < blocks.length; i++) blocks[i] = new byte[1 << 20];   // 16 arrays of 1 MiB
        blocks[15][12345] = 7;
        System.out.println("large blocks " + blocks.length + " marker " + blocks[15][12345]);
        long[][] grid = new long[1000][1000];
        grid[999][999] = 42;
        System.out.println("grid " + grid.length + "x" + grid[0].length + " corner " + grid[999][999]);
        for (int i = 0; i < 10; i++) {
            String s = String.valueOf(i).repeat(100_000);
            checksum += s.length();
        }
        System.out.println("strings checksum " + checksum);
    }
}
