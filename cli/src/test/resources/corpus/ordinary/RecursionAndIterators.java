import java.util.*;
import java.util.function.*;

/** Recursion (Hanoi, permutations, memoised Fibonacci, Ackermann, flood fill, N-Queens) and hand-written iterators. */
public class RecursionAndIterators {
    static int moves;

    static void hanoi(int n, char from, char to, char via, List<String> out) {
        if (n == 0) return;
        hanoi(n - 1, from, via, to, out);
        moves++;
        if (out.size() < 8) out.add(n + ":" + from + "->" + to);
        hanoi(n - 1, via, to, from, out);
    }

    static void permutations(String prefix, String rest, List<String> out) {
        if (rest.isEmpty()) {
            out.add(prefix);
            return;
        }
        for (int i = 0; i < rest.length(); i++) {
            permutations(prefix + rest.charAt(i), rest.substring(0, i) + rest.substring(i + 1), out);
        }
    }

    static final Map<Integer, Long> MEMO = new HashMap<>();
    static long fib(int n) {
        if (n < 2) return n;
        Long cached = MEMO.get(n);
        if (cached != null) return cached;
        long v = fib(n - 1) + fib(n - 2);
        MEMO.put(n, v);
        return v;
    }

    static int ackermann(int m, int n) {
        if (m == 0) return n + 1;
        if (n == 0) return ackermann(m - 1, 1);
        return ackermann(m - 1, ackermann(m, n - 1));
    }

    static int fill(char[][] grid, int r, int c) {
        if (r < 0 || c < 0 || r >= grid.length || c >= grid[r].length || grid[r][c] != '.') return 0;
        grid[r][c] = '~';
        return 1 + fill(grid, r + 1, c) + fill(grid, r - 1, c) + fill(grid, r, c + 1) + fill(grid, r, c - 1);
    }

    static int queens(int n, int row, int[] cols, List<int[]> solutions) {
        if (row == n) {
            solutions.add(cols.clone());
            return 1;
        }
        int count = 0;
        for (int c = 0; c < n; c++) {
            boolean ok = true;
            for (int r = 0; r < row; r++) {
                if (cols[r] == c || Math.abs(cols[r] - c) == row - r) { ok = false; break; }
            }
            if (ok) {
                cols[row] = c;
                count += queens(n, row + 1, cols, solutions);
            }
        }
        return count;
    }

    static int depth(int n) {
        return n == 0 ? 0 : 1 + depth(n - 1);
    }

    /** A range of ints with a step, iterable in a for-each loop. */
    record Range(int from, int to, int step) implements Iterable<Integer> {
        public Iterator<Integer> iterator() {
            return new Iterator<>() {
                int next = from;
                public boolean hasNext() { return step > 0 ? next < to : next > to; }
                public Integer next() {
                    if (!hasNext()) throw new NoSuchElementException();
                    int v = next;
                    next += step;
                    return v;
                }
            };
        }
    }

    /** In-order traversal of a binary search tree with an explicit stack. */
    static final class Tree<T extends Comparable<T>> implements Iterable<T> {
        private final class Node {
            final T value;
            Node left, right;
            Node(T value) { this.value = value; }
        }
        private Node root;
        void add(T value) { root = add(root, value); }
        private Node add(Node node, T value) {
            if (node == null) return new Node(value);
            if (value.compareTo(node.value) < 0) node.left = add(node.left, value); else node.right = add(node.right, value);
            return node;
        }
        int height() { return height(root); }
        private int height(Node n) { return n == null ? 0 : 1 + Math.max(height(n.left), height(n.right)); }
        public Iterator<T> iterator() {
            Deque<Node> stack = new ArrayDeque<>();
            for (Node n = root; n != null; n = n.left) stack.push(n);
            return new Iterator<>() {
                public boolean hasNext() { return !stack.isEmpty(); }
                public T next() {
                    Node n = stack.pop();
                    for (Node m = n.right; m != null; m = m.left) stack.push(m);
                    return n.value;
                }
            };
        }
    }

    public static void main(String[] args) {
        List<String> first = new ArrayList<>();
        hanoi(10, 'A', 'C', 'B', first);
        System.out.println("hanoi(10) moves " + moves + " first " + first);
        List<String> perms = new ArrayList<>();
        permutations("", "abcd", perms);
        System.out.println("permutations " + perms.size() + " " + perms.subList(0, 8) + " last " + perms.get(perms.size() - 1));
        System.out.println("fib(90) " + fib(90) + " memo size " + MEMO.size());
        System.out.println("ackermann(2,3) " + ackermann(2, 3) + " (3,3) " + ackermann(3, 3));
        char[][] grid = {"..#.....".toCharArray(), ".##..#..".toCharArray(), "#...##..".toCharArray(), "..#.....".toCharArray()};
        System.out.println("flood filled " + fill(grid, 0, 0) + " cells");
        for (char[] row : grid) System.out.println(new String(row));
        List<int[]> solutions = new ArrayList<>();
        System.out.println("8 queens solutions " + queens(8, 0, new int[8], solutions) + " first " + Arrays.toString(solutions.get(0)));
        System.out.println("recursion depth 5000 -> " + depth(5000));
        StringBuilder sb = new StringBuilder();
        for (int v : new Range(0, 20, 3)) sb.append(v).append(' ');
        for (int v : new Range(10, 0, -4)) sb.append(v).append(' ');
        System.out.println("ranges " + sb.toString().trim());
        Tree<String> tree = new Tree<>();
        for (String w : "m f t b h p w a c g".split(" ")) tree.add(w);
        List<String> inOrder = new ArrayList<>();
        tree.forEach(inOrder::add);
        System.out.println("tree in order " + inOrder + " height " + tree.height());
        Iterator<Integer> it = new Range(0, 2, 1).iterator();
        it.next();
        it.next();
        try {
            it.next();
        } catch (NoSuchElementException e) {
            System.out.println("exhausted iterator throws " + e.getClass().getSimpleName());
        }
        ListIterator<String> li = new ArrayList<>(List.of("a", "b", "c")).listIterator();
        StringBuilder moves = new StringBuilder();
        while (li.hasNext()) {
            int idx = li.nextIndex();
            String s = li.next();
            li.set(s + idx);
            if (s.equals("b")) li.add("inserted");
        }
        while (li.hasPrevious()) moves.append(li.previous()).append(' ');
        System.out.println("list iterator backwards " + moves.toString().trim());
        Function<Integer, Integer>[] factorial = new Function[1];
        factorial[0] = n -> n <= 1 ? 1 : n * factorial[0].apply(n - 1);
        System.out.println("recursive lambda 12! = " + factorial[0].apply(12));
        Spliterator<Integer> split = List.of(1, 2, 3, 4).spliterator();
        split.tryAdvance(v -> System.out.println("spliterator first " + v));
        split.forEachRemaining(v -> System.out.print("rest " + v + " "));
        System.out.println();
    }
}
