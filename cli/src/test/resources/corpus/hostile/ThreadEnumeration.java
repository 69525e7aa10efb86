// expect [thread-enumeration] java.lang.Thread.getAllStackTraces
// expect [thread-enumeration] java.lang.ThreadGroup
public class ThreadEnumeration {
    public static void main(String[] args) {
        for (Thread other : Thread.getAllStackTraces().keySet()) {
            other.interrupt();
        }
        ThreadGroup group = new ThreadGroup("mine");
        System.out.println(group.activeCount());
    }
}
