import java.io.*;

/** Stack traces printed to standard output: the frames a program sees of itself, as under java. */
public class StackTraces {
    static void level3(int n) {
        if (n > 2) throw new IllegalArgumentException("too deep: " + n);
    }
    static void level2(int n) { level3(n + 1); }
    static void level1(int n) {
        try {
            level2(n + 1);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("level1 failed", e);
        }
    }

    public static void main(String[] args) {
        try {
            level1(1);
        } catch (IllegalStateException e) {
            e.printStackTrace(System.out);
            StackTraceElement[] frames = e.getStackTrace();
            System.out.println("frames " + frames.length);
            for (StackTraceElement f : frames) System.out.println("  " + f.getClassName() + "#" + f.getMethodName() + " line " + f.getLineNumber());
            StringWriter sw = new StringWriter();
            e.getCause().printStackTrace(new PrintWriter(sw));
            System.out.print(sw);
        }
        Runnable r = () -> {
            Throwable t = new Throwable("inside a lambda");
            t.printStackTrace(System.out);
        };
        r.run();
        System.out.println("done");
    }
}
