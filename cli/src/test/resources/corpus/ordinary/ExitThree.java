import java.util.*;

/** System.exit(3) from main after output; the code after it and the finally block never run. */
public class ExitThree {
    public static void main(String[] args) {
        for (int i = 1; i <= 12; i++) {
            System.out.println("line " + i + " of the output before exit");
        }
        System.out.print("unterminated line, flushed at exit");
        try {
            System.exit(3);
        } finally {
            System.out.println("finally after exit must not print");
        }
        System.out.println("after exit must not print");
    }
}
