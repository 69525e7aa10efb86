/** Output on both streams, interleaved; stdout must be identical and complete. */
public class StandardError {
    public static void main(String[] args) {
        for (int i = 0; i < 15; i++) {
            if (i % 3 == 0) {
                System.err.println("warning " + i);
            }
            System.out.println("result " + i + " = " + (i * i * i));
        }
        System.err.printf("%d warnings%n", 5);
        System.out.print("no newline at the end");
        System.err.print("err without newline");
    }
}
