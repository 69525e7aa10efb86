// expect [thread-enumeration] java.lang.ThreadGroup.getParent
// expect [thread-enumeration] java.lang.ThreadGroup.setMaxPriority
// expect [thread-enumeration] java.lang.ThreadGroup.enumerate
// expect [thread-enumeration] java.lang.ThreadGroup.activeGroupCount
// expect [thread-enumeration] java.lang.ThreadGroup.uncaughtException
/**
 * A SIP may make thread groups of its own; an attacker who has read the allowlist climbs from one
 * to the JVM's groups (its parent, or the group a thread without its own handler hands out) to
 * cap every SIP's new threads at the lowest priority and list the groups of other SIPs.
 */
public class ThreadGroupsAboveItsOwn {
    public static void main(String[] args) {
        ThreadGroup mine = new ThreadGroup("mine");
        ThreadGroup above = mine.getParent();
        Thread self = Thread.currentThread();
        self.setUncaughtExceptionHandler(null);
        ThreadGroup handedOut = (ThreadGroup) self.getUncaughtExceptionHandler();
        handedOut.setMaxPriority(Thread.MIN_PRIORITY);
        ThreadGroup[] others = new ThreadGroup[handedOut.activeGroupCount() + 8];
        System.out.println(above.enumerate(others, true));
        handedOut.uncaughtException(self, new Error("printed on the host's console"));
    }
}
