package singj.abi.runtime;

import singj.abi.Endpoint;

/** The kernel's side of a registered name, behind a {@link singj.abi.Service}. */
public interface ServicePort {
    /** The server end of the next client's channel; waits at most {@code timeoutNanos} (negative: forever); null on timeout. */
    Endpoint<?> accept(long timeoutNanos);

    String name();

    void close();
}
