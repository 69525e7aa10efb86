package singj.kernel;

import java.util.Map;
import java.util.Set;
import singj.kernel.ipc.Grants;

/**
 * What a program declares about itself beyond its code (from {@code SingJ-*} attributes of its
 * jar's manifest, checked by the installer): the contracts it declares, and the names and
 * exchange-heap quota it asks for. Asks only: what its SIPs get is decided by whoever starts them
 * ({@link Grant}).
 *
 * @param contracts binary names of the contract interfaces and their messages: classes loaded once
 *     for the whole kernel, not per SIP, so that a message is the same object on both ends
 * @param grants the names it asks to register and open
 * @param exchangeQuota the exchange-heap quota it asks for in bytes, or 0 for its starter's
 * @param endpoints the endpoints its SIPs get at start: the contract's binary name, by the name the
 *     program asks for it with ({@code Sip.startEndpoint})
 * @param devices the devices it asks to drive ({@code disk0}): granted only to the program the
 *     kernel's device policy binds each to ({@code singj.kernel.dev.Devices})
 * @param isolation the isolation it asks for ({@code SingJ-Isolation}), granted or refused by the
 *     kernel's {@link IsolationPolicy}
 */
public record ProgramManifest(Set<String> contracts, Grants grants, long exchangeQuota, Map<String, String> endpoints,
                              Set<String> devices, Isolation isolation) {
    public static final ProgramManifest NONE = new ProgramManifest(Set.of(), Grants.NONE, 0, Map.of());

    /** The isolation a program asks for in its manifest (docs/isolation.md, "Isolation by policy"). */
    public enum Isolation {
        /** It says nothing: its starter and the kernel's policy decide. */
        UNSAID,
        /** {@code SingJ-Isolation: in-process}: it asks to run in the kernel's JVM. */
        IN_PROCESS,
        /** {@code SingJ-Isolation: process}: it asks for a JVM process of its own. */
        PROCESS
    }

    public ProgramManifest {
        contracts = Set.copyOf(contracts);
        endpoints = Map.copyOf(endpoints);
        devices = Set.copyOf(devices);
        java.util.Objects.requireNonNull(isolation, "isolation");
    }

    /** A program that says nothing about its isolation. */
    public ProgramManifest(Set<String> contracts, Grants grants, long exchangeQuota, Map<String, String> endpoints,
                           Set<String> devices) {
        this(contracts, grants, exchangeQuota, endpoints, devices, Isolation.UNSAID);
    }

    /** A program that drives no device. */
    public ProgramManifest(Set<String> contracts, Grants grants, long exchangeQuota, Map<String, String> endpoints) {
        this(contracts, grants, exchangeQuota, endpoints, Set.of());
    }
}
