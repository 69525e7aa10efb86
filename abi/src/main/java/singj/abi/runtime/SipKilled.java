package singj.abi.runtime;

/**
 * Unwinds the threads of a SIP that is being killed or is exiting. SIP code can neither name
 * nor keep it: the installer rejects references to this package, and every exception handler
 * in sealed code starts with {@link SipGlue#onCatch}, which rethrows it.
 */
public final class SipKilled extends Error {
    public SipKilled(String reason) {
        super(reason, null, false, false); // no stack trace: it is thrown often and never printed
    }
}
