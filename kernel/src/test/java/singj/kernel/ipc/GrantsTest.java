package singj.kernel.ipc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** A grant met with another covers only what both cover, a user grant never reaches /kernel/, and /dev/ only by name. */
class GrantsTest {
    @Test
    void aUserGrantNeverMatchesTheSystemNamesWhateverItsPatterns() {
        Grants asked = new Grants(List.of("/*", "/kernel/*"), List.of("/kernel/processes", "/*"));
        assertFalse(asked.mayOpen("/kernel/processes"));
        assertFalse(asked.mayRegister("/kernel/anything"));
        assertTrue(asked.mayOpen("/kernel")); // a name of its own, not under /kernel/
        assertTrue(Grants.ALL.mayOpen("/kernel/processes"));
        Grants met = asked.intersect(Grants.ALL);
        assertEquals(List.of("/*"), met.opens()); // the system patterns are dropped, not kept as dead words
        assertFalse(met.system());
    }

    @Test
    void aWildcardReachesADevicesNameOnlyIfItNamesTheDevicesSubtree() {
        Grants asked = new Grants(List.of("/dev/disk0", "/dev/disk0/*"), List.of("/*", "/dev/disk0"));
        assertFalse(Grants.ANY_USER.mayOpen("/dev/disk0")); // what singj run and the shell offer
        assertFalse(asked.mayOpen("/dev/disk0/read-only"));
        assertTrue(asked.mayOpen("/dev/disk0"));
        assertTrue(asked.mayRegister("/dev/disk0/read-only"));
        Grants met = asked.intersect(Grants.ANY_USER);
        assertEquals(List.of(), met.registers());
        assertEquals(List.of("/*"), met.opens());
        Grants named = asked.intersect(new Grants(List.of(), List.of("/dev/*")));
        assertEquals(List.of("/dev/disk0"), named.opens());
        assertEquals(List.of("/dev/disk0", "/dev/disk0/*"),
                asked.intersect(Grants.driverNames(List.of("disk0"))).union(Grants.NONE).registers());
    }

    @Test
    void meetingNarrowsEachPatternToWhatTheOtherCovers() {
        Grants asked = new Grants(List.of(), List.of("/*", "/log/app", "/other/x"));
        Grants offered = new Grants(List.of("/service/*"), List.of("/service/*", "/log/*"));
        Grants met = asked.intersect(offered);
        assertEquals(List.of("/service/*", "/log/*", "/log/app"), met.opens());
        assertEquals(List.of(), met.registers());
        assertTrue(met.mayOpen("/service/echo"));
        assertFalse(met.mayOpen("/other/x"));
        assertTrue(met.coversOpen("/log/app"));
        assertFalse(met.coversOpen("/*"));
    }

    @Test
    void aSystemServiceIsNamedOnlyWhereEveryGrantOnTheWayNamesIt() {
        Grants asked = new Grants(List.of(), List.of("/*", "/fs", "/service/console"));
        assertEquals(List.of("/fs", "/service/console"), asked.services()); // a manifest names what it lists by name
        Grants byDefault = asked.user().intersect(Grants.ANY_USER);
        assertTrue(byDefault.mayOpen("/fs")); // a name some user SIP registered: /* covers it
        assertFalse(byDefault.mayOpenService("/fs")); // the system's file system: /* does not name it
        assertFalse(byDefault.mayOpenService("/service/console"));
        assertEquals(List.of(), byDefault.services());

        Grants offered = Grants.ANY_USER.union(new Grants(List.of(), List.of("/fs"))); // e.g. a host that gives /fs
        Grants named = asked.user().intersect(offered);
        assertTrue(named.mayOpenService("/fs"));
        assertFalse(named.mayOpenService("/service/console"));
        assertEquals("registers nothing; opens /* /fs /service/console; system services /fs", named.describe());

        Grants onlyAsksSubtree = new Grants(List.of(), List.of("/*")).intersect(offered);
        assertFalse(onlyAsksSubtree.mayOpenService("/fs")); // the program did not name it: it does not get it
        Grants child = named.intersect(new Grants(List.of(), List.of("/fs"))); // a parent's grant is met too
        assertTrue(child.mayOpenService("/fs"));
        assertFalse(named.intersect(byDefault).mayOpenService("/fs"));

        Grants systemAsked = new Grants(List.of(), List.of("/*"), true);
        assertFalse(systemAsked.user().mayOpenService("/fs")); // a manifest is a user grant whatever it claims
        assertTrue(Grants.ALL.mayOpenService("/fs"));
        assertTrue(new Grants(List.of(), List.of("/fs"), true).intersect(Grants.ALL).mayOpenService("/fs"));
    }

    @Test
    void quotasReadWhatTheShellSendsAndRefuseNonsense() {
        assertEquals(new Quotas(64, 0, 4, 0, 8 << 20), Quotas.parse("threads=64, names=4 exchange=8m"));
        assertEquals(Quotas.UNSET, Quotas.parse(""));
        var e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class, () -> Quotas.parse("fds=3"));
        assertEquals("no quota named 'fds' (there are threads, channels, names, accepts and exchange)", e.getMessage());
        assertEquals(new Quotas(8, 4096, 2, 1024, 1 << 20),
                new Quotas(8, 0, 2, 0, 0).orElse(Quotas.defaults(64 << 20)).atMost(new Quotas(100, 5000, 64, 2048, 1 << 20)));
    }
}
