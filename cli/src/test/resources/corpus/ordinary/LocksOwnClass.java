/** An ordinary program that locks, notifies and hashes its own Class object: the SIP's own, not shared. */
public class LocksOwnClass {
    static int counter;
    static synchronized void bump() { counter++; }
    public static void main(String[] args) throws Exception {
        synchronized (LocksOwnClass.class) {
            counter += 10;
            LocksOwnClass.class.notifyAll();
        }
        bump();
        Object lock = new Object();
        synchronized (lock) { lock.notify(); }
        System.out.println("counter " + counter + " hash " + (System.identityHashCode(LocksOwnClass.class) != 0));
    }
}
