// expect [shared-monitor] synchronized on a java.lang.String: strings may be interned
// expect [shared-monitor] synchronized on java.lang.String.class: the JDK's Class objects are shared
// expect [shared-monitor] wait on a java.lang.String
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
