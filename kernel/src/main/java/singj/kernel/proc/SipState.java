package singj.kernel.proc;

/** The life of a SIP. */
public enum SipState {
    /** Its threads run. */
    RUNNING,
    /** It exited or was killed; the kernel is stopping its remaining threads. */
    STOPPING,
    /** Nothing of it remains but its exit status. */
    DEAD
}
