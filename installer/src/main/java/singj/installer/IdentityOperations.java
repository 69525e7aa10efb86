package singj.installer;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import singj.installer.verify.IdentitySite;

/**
 * The rule on identity operations ({@code synchronized}, {@code wait}/{@code notify},
 * {@code System.identityHashCode}) over objects other SIPs can hold, applied to the sites the
 * verifier found ({@link IdentitySite}) by the type of their object ({@link ObjectSharing}):
 * where the object is shared the program is refused, naming the place; where it is the SIP's own
 * the sealer emits no run-time check; anywhere else the run-time check stays.
 */
final class IdentityOperations {
    static final String RULE = "shared-monitor";

    private record Judged(IdentitySite site, ObjectSharing.Verdict verdict) {}

    private final List<Judged> sites = new ArrayList<>();
    /** Per class (internal name) and method (name and descriptor): the instructions proven to work on private objects. */
    private final Map<String, BitSet> privateSites = new HashMap<>();

    IdentityOperations(List<IdentitySite> sites, ObjectSharing sharing) {
        for (IdentitySite site : sites) {
            ObjectSharing.Verdict verdict = sharing.of(site);
            this.sites.add(new Judged(site, verdict));
            if (verdict.sharing() == ObjectSharing.Sharing.PRIVATE) {
                privateSites.computeIfAbsent(key(site.className().replace('.', '/'), site.method()), k -> new BitSet())
                        .set(site.instruction());
            }
        }
    }

    /** No site proven private: every identity operation keeps its run-time check. */
    static IdentityOperations none() {
        return new IdentityOperations(List.of(), null);
    }

    /** A violation for each operation on a shared object in a method that can run. */
    List<Violation> violations(Reachability.Reached reached) {
        List<Violation> violations = new ArrayList<>();
        for (Judged judged : sites) {
            IdentitySite site = judged.site();
            if (judged.verdict().sharing() == ObjectSharing.Sharing.SHARED
                    && reached.reaches(site.className().replace('.', '/'), site.method())) {
                violations.add(new Violation(RULE, site.className(), site.method(), site.offset(), site.line(),
                        site.operation().phrase + " " + ObjectSharing.describeObject(site) + ": " + judged.verdict().reason()
                                + "; a SIP may not lock, wait on, notify or read the identity hash of an object other SIPs "
                                + "can hold. Use an object of its own instead (private final Object lock = new Object())"));
            }
        }
        return violations;
    }

    /** The instructions (by index in the method's code) of {@code method} whose object is the SIP's own. */
    BitSet privateSitesIn(String internalClassName, String method) {
        return privateSites.getOrDefault(key(internalClassName, method), new BitSet());
    }

    private static String key(String internalClassName, String method) {
        return internalClassName + "." + method;
    }
}
