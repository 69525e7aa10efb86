package singj.kernel;

import java.util.Set;
import singj.kernel.ipc.Grants;

/**
 * What a program declares about itself beyond its code (from {@code SingJ-*} attributes of its
 * jar's manifest, checked by the installer): the contracts it declares, the names it may
 * register and open, and its exchange-heap quota.
 *
 * @param contracts binary names of the contract interfaces and their messages: classes loaded once
 *     for the whole kernel, not per SIP, so that a message is the same object on both ends
 * @param grants the names it may register and open
 * @param exchangeQuota exchange-heap quota in bytes, or 0 for the kernel's default
 */
public record ProgramManifest(Set<String> contracts, Grants grants, long exchangeQuota) {
    public static final ProgramManifest NONE = new ProgramManifest(Set.of(), Grants.NONE, 0);

    public ProgramManifest {
        contracts = Set.copyOf(contracts);
    }
}
