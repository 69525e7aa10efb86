package singj.kernel.isolate;

import singj.abi.Endpoint;
import singj.abi.runtime.ServicePort;

/** A name a process SIP registered, as it holds it: the number the kernel gave its service. */
final class ChildService implements ServicePort {
    private final KernelLine kernel;
    private final int number;
    private final String name;

    ChildService(KernelLine kernel, int number, String name) {
        this.kernel = kernel;
        this.number = number;
        this.name = name;
    }

    @Override
    public Endpoint<?> accept(long timeoutNanos) {
        Wire.In reply = kernel.call(new Wire.Out(Wire.ACCEPT).putInt(number).putLong(timeoutNanos));
        return reply.getBoolean() ? kernel.getEndpoint(reply) : null;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void close() {
        kernel.call(new Wire.Out(Wire.SERVICE_CLOSE).putInt(number));
    }
}
