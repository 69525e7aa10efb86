package singj.bench.workloads;

import java.io.IOException;

import singj.abi.Sip;

/**
 * The SIP of the api-call row: the benchmark thread calls {@link #callerPid()} into it, which asks
 * the kernel for the calling SIP's pid through the ABI, as any SIP would. {@code main} only waits
 * for the end of its input, to keep the SIP alive.
 */
public final class ApiCaller {
    private ApiCaller() {}

    public static void main(String[] args) {
        try {
            while (System.in.read() >= 0) {
                // wait for the end of input
            }
        } catch (IOException closed) {
            // input closed: the end as well
        }
    }

    /** One system call: the caller's pid. */
    public static int callerPid() {
        return Sip.pid();
    }
}
