package singj.abi;

import singj.abi.runtime.SipCalls;
import singj.abi.runtime.SipGlue;

/**
 * System calls a SIP may make about itself. The kernel defines a fresh copy of this class in
 * every SIP, linked to that SIP's own {@link SipGlue}, so a call can only ever answer for the
 * SIP that makes it.
 */
public final class Sip {
    private Sip() {}

    /** The calling SIP's process id. */
    public static int pid() {
        return SipCalls.pid(SipGlue.context());
    }

    /** The name of the installed program the calling SIP runs. */
    public static String program() {
        return SipCalls.program(SipGlue.context());
    }
}
