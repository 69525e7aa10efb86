package singj.abi;

import java.time.Duration;
import java.util.Objects;
import singj.abi.runtime.ServicePort;

/**
 * A name this SIP registered in the nameserver ({@link Sip#register}): every client that opens
 * the name gets a new channel, and {@link #accept} hands this SIP the server end. The name
 * disappears when the service is closed or this SIP ends.
 *
 * @param <C> the contract its channels follow
 */
public final class Service<C> {
    private final ServicePort port;

    /** Made by the kernel only (the installer rejects this constructor in SIP code). */
    public Service(ServicePort port) {
        this.port = Objects.requireNonNull(port);
    }

    /** The server end of the next client's channel, waiting as long as it takes. */
    @SuppressWarnings("unchecked")
    public Endpoint<C> accept() {
        return (Endpoint<C>) port.accept(-1);
    }

    /** The server end of the next client's channel, or null if no client came within {@code timeout}. */
    @SuppressWarnings("unchecked")
    public Endpoint<C> accept(Duration timeout) {
        return (Endpoint<C>) port.accept(Math.max(0, timeout.toNanos()));
    }

    public String name() {
        return port.name();
    }

    /** Removes the name; clients that have not been accepted see their channel closed. */
    public void close() {
        port.close();
    }
}
