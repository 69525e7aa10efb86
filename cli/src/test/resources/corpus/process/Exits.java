/** Prints, then ends as its argument says: "exit N" with System.exit(N), "throw" with an uncaught exception. */
public class Exits {
    public static void main(String[] args) {
        System.out.println("exits: " + String.join(" ", args));
        System.err.println("to standard error");
        if (args[0].equals("throw")) {
            throw new IllegalStateException("thrown from main");
        }
        System.exit(Integer.parseInt(args[1]));
    }
}
