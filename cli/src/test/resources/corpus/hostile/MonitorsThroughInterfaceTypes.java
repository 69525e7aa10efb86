// expect [shared-monitor] notifyAll on a java.lang.String
// expect [shared-monitor] wait on a java.lang.String
/**
 * Object's methods called through an interface type resolve to Object's (JVMS 5.4.3.4), so that
 * list.toString() installs; wait and notify reached that way are still identity operations on the
 * object, judged and redirected as obj.wait() is: a string every SIP can hold stays untouchable.
 */
public class MonitorsThroughInterfaceTypes {
    public static void main(String[] args) throws Exception {
        Comparable<String> shared = "every SIP holds this string";
        shared.notifyAll();
        CharSequence same = "every SIP holds this string";
        same.wait(1);
    }
}
