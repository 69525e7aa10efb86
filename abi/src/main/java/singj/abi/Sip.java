package singj.abi;

import singj.abi.runtime.SipCalls;
import singj.abi.runtime.SipGlue;

/**
 * System calls a SIP may make. The kernel defines a fresh copy of this class in every SIP,
 * linked to that SIP's own {@link SipGlue}, so a call can only ever act for the SIP that makes it.
 */
public final class Sip {
    private Sip() {}

    /** The calling SIP's process id. */
    public static int pid() {
        return SipCalls.pid(SipGlue.context());
    }

    /** A new auto-reset wait event of this SIP (a kernel wait object). */
    public static WaitEvent newWaitEvent() {
        return SipGlue.context().newWaitEvent();
    }

    /** The name of the installed program the calling SIP runs. */
    public static String program() {
        return SipCalls.program(SipGlue.context());
    }

    /** A new channel of {@code contract}, both of whose endpoints this SIP holds. */
    public static <C> Channel<C> newChannel(Class<C> contract) {
        return SipGlue.context().newChannel(contract);
    }

    /**
     * Opens the service registered under {@code name} (its program's manifest must grant it):
     * a new channel, whose server end goes to the service and whose client end is returned.
     *
     * @throws NameServiceException if the name is not granted, not registered, or speaks another contract
     */
    public static <C> Endpoint<C> open(String name, Class<C> contract) {
        return SipGlue.context().open(name, contract);
    }

    /**
     * Registers {@code name} (the manifest must grant it) for a service of {@code contract}.
     *
     * @throws NameServiceException if the name is not granted or is taken
     */
    public static <C> Service<C> register(String name, Class<C> contract) {
        return SipGlue.context().register(name, contract);
    }

    /**
     * The endpoint this SIP was given at start under {@code name}, which its manifest declares
     * ({@code SingJ-Endpoints: name=contract}).
     *
     * @throws IllegalArgumentException if there is none by that name, or it speaks another contract
     */
    @SuppressWarnings("unchecked")
    public static <C> Endpoint<C> startEndpoint(String name, Class<C> contract) {
        Endpoint<?> endpoint = SipGlue.context().startEndpoint(name);
        if (!endpoint.contract().equals(contract.getName())) {
            throw new IllegalArgumentException("start endpoint '" + name + "' speaks " + endpoint.contract()
                    + ", not " + contract.getName());
        }
        return (Endpoint<C>) endpoint;
    }

    /**
     * A new exchange-heap block of {@code bytes} bytes, zeroed, owned by this SIP.
     *
     * @throws ExchangeHeapException if this SIP's exchange quota or the heap is exhausted
     */
    public static Block allocate(long bytes) {
        return SipGlue.context().allocate(bytes);
    }

    /**
     * The device {@code name} ({@code disk0}), for a driver: granted only if the program's manifest
     * asks for it ({@code SingJ-Devices}) and the system's policy names this program as its driver.
     * One SIP holds a device at a time; it is closed when this SIP ends.
     *
     * @throws DeviceException if it is not granted, not attached, or held by another SIP
     */
    public static Device device(String name) {
        return SipGlue.context().device(name);
    }
}
