package singj.abi;

/**
 * A kernel wait object: an auto-reset event, made by {@link Sip#newWaitEvent()}. {@link #set()}
 * signals it; {@link #await()} waits until it is signalled and takes the signal, so each set wakes
 * at most one wait (signals do not count up: two sets before a wait are one). A thread blocked in
 * {@code await} unwinds when its SIP is killed.
 */
public interface WaitEvent {
    /** Signals the event, waking a thread blocked in {@link #await()} if there is one. */
    void set();

    /** Waits until the event is signalled and resets it. */
    void await();
}
