// expect [shared-monitor] string literal
// expect [shared-monitor] java.lang.String.class
// expect [shared-monitor] java.lang.String.wait
public class SharedMonitors {
    public static void main(String[] args) throws InterruptedException {
        synchronized ("lock") {
            System.out.println("holding an interned string");
        }
        synchronized (String.class) {
            System.out.println("holding the JDK's String class");
        }
        "x".wait(1);
    }
}
