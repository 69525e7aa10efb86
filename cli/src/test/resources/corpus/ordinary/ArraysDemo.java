import java.util.*;

/** Arrays: multi-dimensional and jagged, sort/binarySearch/fill/asList/copyOf, varargs. */
public class ArraysDemo {
    static int sum(int... values) {
        int s = 0;
        for (int v : values) s += v;
        return s;
    }

    static String describe(String label, Object... parts) {
        return label + " with " + parts.length + " parts: " + Arrays.toString(parts);
    }

    public static void main(String[] args) {
        int[] numbers = {42, -7, 19, 0, 88, 3, 19, -100};
        System.out.println("original " + Arrays.toString(numbers));
        int[] sorted = numbers.clone();
        Arrays.sort(sorted);
        System.out.println("sorted " + Arrays.toString(sorted) + " original unchanged " + numbers[0]);
        System.out.println("binarySearch 19 -> " + Arrays.binarySearch(sorted, 19) + ", 5 -> " + Arrays.binarySearch(sorted, 5));
        int[][] grid = new int[4][5];
        for (int r = 0; r < grid.length; r++) {
            for (int c = 0; c < grid[r].length; c++) grid[r][c] = r * c;
        }
        for (int[] row : grid) System.out.println(Arrays.toString(row));
        int[][] jagged = new int[5][];
        for (int i = 0; i < jagged.length; i++) {
            jagged[i] = new int[i + 1];
            jagged[i][0] = jagged[i][i] = 1;
            for (int j = 1; j < i; j++) jagged[i][j] = jagged[i - 1][j - 1] + jagged[i - 1][j];
        }
        System.out.println("pascal " + Arrays.deepToString(jagged));
        char[][][] cube = new char[2][2][3];
        for (char[][] plane : cube) for (char[] row : plane) Arrays.fill(row, '.');
        cube[1][0][2] = '#';
        System.out.println("cube " + Arrays.deepToString(cube));
        long[] filled = new long[6];
        Arrays.fill(filled, 2, 5, 9L);
        System.out.println("fill range " + Arrays.toString(filled));
        String[] names = {"delta", "Alpha", "charlie", "Bravo"};
        Arrays.sort(names);
        System.out.println("natural " + Arrays.toString(names));
        Arrays.sort(names, String.CASE_INSENSITIVE_ORDER);
        System.out.println("case-insensitive " + Arrays.toString(names));
        List<String> view = Arrays.asList(names);
        view.set(0, "ALPHA");
        System.out.println("asList writes through: " + names[0] + " size " + view.size());
        try {
            view.add("echo");
        } catch (UnsupportedOperationException e) {
            System.out.println("asList is fixed-size");
        }
        System.out.println("copyOf " + Arrays.toString(Arrays.copyOf(numbers, 3)) + " " + Arrays.toString(Arrays.copyOf(numbers, 10))
                + " range " + Arrays.toString(Arrays.copyOfRange(numbers, 2, 5)));
        System.out.println("equals " + Arrays.equals(new int[]{1, 2}, new int[]{1, 2}) + " deepEquals "
                + Arrays.deepEquals(new int[][]{{1}}, new int[][]{{1}}) + " == " + (new int[0] == new int[0])
                + " hashCode " + Arrays.hashCode(new int[]{1, 2, 3}) + " mismatch " + Arrays.mismatch(new int[]{1, 2, 3}, new int[]{1, 9, 3}));
        System.out.println("compare " + Arrays.compare(new int[]{1, 2}, new int[]{1, 3}));
        Integer[] boxed = {5, 3, 9, 1};
        Arrays.sort(boxed, Collections.reverseOrder());
        System.out.println("boxed reverse " + Arrays.toString(boxed));
        double[] ds = new double[5];
        Arrays.setAll(ds, i -> i * 0.5);
        System.out.println("setAll " + Arrays.toString(ds) + " stream sum " + Arrays.stream(ds).sum());
        System.out.println("varargs " + sum() + " " + sum(1) + " " + sum(1, 2, 3) + " " + sum(new int[]{10, 20}));
        System.out.println(describe("none"));
        System.out.println(describe("mixed", 1, "two", 3.0, 'c', null));
        System.out.println(describe("array as varargs", (Object[]) new String[]{"x", "y"}));
        byte[] bytes = "bytes".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        System.out.println("bytes " + Arrays.toString(bytes) + " default values " + Arrays.toString(new boolean[2]) + Arrays.toString(new String[2])
                + Arrays.toString(new char[]{'a', 'b'}) + " length of empty " + new int[0].length);
        Object[] covariant = new String[1];
        try {
            covariant[0] = 1;
        } catch (ArrayStoreException e) {
            System.out.println("array store: " + e.getMessage());
        }
        int[][] matrix = {{1, 2, 3}, {4, 5, 6}};
        int[][] transposed = new int[3][2];
        for (int r = 0; r < 2; r++) for (int c = 0; c < 3; c++) transposed[c][r] = matrix[r][c];
        System.out.println("transposed " + Arrays.deepToString(transposed));
        System.arraycopy(numbers, 0, numbers, 2, 4);
        System.out.println("arraycopy overlap " + Arrays.toString(numbers));
    }
}
