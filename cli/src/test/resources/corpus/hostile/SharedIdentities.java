// expect [shared-monitor] synchronized on a java.lang.String
// expect [shared-monitor] synchronized on a java.lang.Class
// expect [shared-monitor] synchronized on a java.lang.Integer
// expect [shared-monitor] wait on a java.lang.Integer
// expect [shared-monitor] notifyAll on a java.lang.Class
// expect [shared-monitor] System.identityHashCode of a java.util.concurrent.TimeUnit
// expect [shared-monitor] synchronized on a java.time.DayOfWeek
import java.time.DayOfWeek;
import java.util.concurrent.TimeUnit;

/**
 * Identity operations on objects other SIPs can hold, reached not through literals but through
 * variables whose types the verifier infers, after paths merge: a string, a Class object, a cached
 * box, the JDK's enum constants.
 */
public class SharedIdentities {
    public static void main(String[] args) throws InterruptedException {
        String name = args.length > 0 ? args[0] : "default";
        synchronized (name) {
            System.out.println(name);
        }
        Class<?> type = args.length > 1 ? String.class : Thread.class;
        synchronized (type) {
            type.notifyAll();
        }
        Integer boxed = args.length;
        synchronized (boxed) {
            boxed.wait(1);
        }
        TimeUnit unit = args.length > 2 ? TimeUnit.SECONDS : TimeUnit.DAYS;
        System.out.println(System.identityHashCode(unit));
        DayOfWeek day = DayOfWeek.of(1 + args.length % 7);
        synchronized (day) {
            System.out.println(day);
        }
    }
}
