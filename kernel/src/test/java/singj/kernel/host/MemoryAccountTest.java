package singj.kernel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The judging rule of the memory accounts, fed samples by hand (as the JVM's sampler feeds them)
 * for a "SIP" made of a class loader of its own: a SIP is killed if and only if its census counts
 * more than its quota. A SIP that made any amount of garbage under its quota is not; kernel
 * objects charged to it count; the heap guard picks a SIP over its quota before one under it that
 * holds more.
 */
class MemoryAccountTest {
    private static final long MIB = 1024 * 1024;
    private final HostRuntime host = HostRuntime.start();

    @AfterEach
    void close() {
        host.close();
    }

    /** A SIP as the accounting sees it: its own classes, no threads; records its kill. */
    private static final class FakeSip implements MemoryAccount.Holder {
        final CompletableFuture<String> killed = new CompletableFuture<>();
        final OwnClasses classes = new OwnClasses();

        @Override
        public boolean killForMemory(String detail) {
            return killed.complete(detail);
        }

        @Override
        public boolean expendable() {
            return true;
        }

        @Override
        public ClassLoader loader() {
            return classes;
        }

        @Override
        public Thread[] threads() {
            return new Thread[0];
        }
    }

    /** {@code mebibytes} arrays of 1 MiB kept by the SIP, each sampled: a large object weighs about its own size. */
    private static List<byte[]> hoard(FakeSip sip, MemoryAccount account, int mebibytes) {
        List<byte[]> arrays = new ArrayList<>();
        sip.classes.hold(arrays);
        for (int i = 0; i < mebibytes && !account.condemned(); i++) {
            byte[] array = new byte[(int) MIB];
            arrays.add(array);
            account.sampled(array, MIB);
        }
        return arrays;
    }

    @Test
    void theSlackIsOneMibAndFivePercent() {
        assertEquals(1.8, MemoryAccount.slack(16 * MIB) / (double) MIB, 0.001);
        assertEquals(4.2, MemoryAccount.slack(64 * MIB) / (double) MIB, 0.001);
        assertEquals(HeapSampler.INTERVAL, HeapSampler.weight(1), HeapSampler.INTERVAL * 1e-3, "a small object stands for an interval");
        assertEquals(64 * MIB, HeapSampler.weight(64 * MIB), 1, "a large one for itself");
    }

    @Test
    void aSipThatHoldsMoreThanItsQuotaIsKilledByItsCensus() throws Exception {
        FakeSip sip = new FakeSip();
        MemoryAccount account = host.openAccount(4 * MIB, sip);
        List<byte[]> kept = new ArrayList<>();
        sip.classes.hold(kept);
        for (int i = 0; i < 64 && !sip.killed.isDone(); i++) {
            byte[] array = new byte[(int) MIB];
            kept.add(array);
            account.sampled(array, MIB);
            Thread.sleep(20); // the census runs on the watch's thread: let it
        }
        String detail = sip.killed.get(60, TimeUnit.SECONDS);
        var counted = Pattern.compile("memory quota of 4 MiB exceeded \\((more than )?(\\d+\\.\\d) MiB reachable, (\\d+) bytes, counted by a heap census\\)")
                .matcher(detail);
        assertTrue(counted.matches(), detail);
        assertTrue(Long.parseLong(counted.group(3)) > 4 * MIB, "over its quota: " + detail);
        assertEquals(MemoryAccount.DYING_STALL_MILLIS, account.sampled(new Object(), 16), "a dying SIP's threads are slowed");
        account.release();
    }

    @Test
    void garbageFarPastTheQuotaNeverKills() throws Exception {
        FakeSip sip = new FakeSip();
        MemoryAccount account = host.openAccount(4 * MIB, sip);
        List<byte[]> live = hoard(sip, account, 3); // 3 of its 4 MiB live all along
        for (int i = 0; i < 200; i++) {
            account.sampled(new byte[(int) MIB], MIB); // dropped at once
            if (account.overdue()) {
                Thread.sleep(5);
            }
        }
        // the last census asked for is made
        for (int i = 0; i < 200 && account.overdue(); i++) {
            Thread.sleep(50);
        }
        host.censuses().censusNow(account, Long.MAX_VALUE);
        assertNull(sip.killed.getNow(null), "200 MiB of garbage under a 4 MiB quota");
        assertTrue(account.held() >= 3 * MIB && account.held() < 3 * MIB + MIB, "counted what it holds: " + account.held());
        assertEquals(3, live.size());
        account.release();
    }

    @Test
    void kernelObjectsChargedToASipCount() throws Exception {
        FakeSip sip = new FakeSip();
        MemoryAccount account = host.openAccount(4 * MIB, sip);
        for (int i = 0; i < 5; i++) {
            account.chargeKernel(MIB); // e.g. channels the kernel holds for it
        }
        host.censuses().censusNow(account, Long.MAX_VALUE);
        assertTrue(account.held() >= 5 * MIB, "counted: " + account.held());
        account.dischargeKernel(5 * MIB);
        host.censuses().censusNow(account, Long.MAX_VALUE);
        assertTrue(account.held() < MIB, "released: " + account.held());
        account.release();
    }

    @Test
    void theHeapGuardKillsASipOverItsQuotaBeforeOneUnderItsOwnThatHoldsMore() {
        FakeSip under = new FakeSip();
        MemoryAccount large = host.openAccount(256 * MIB, under);
        FakeSip over = new FakeSip();
        MemoryAccount small = host.openAccount(1 * MIB, over);
        // held without samples: no census was asked for, the heap guard's own finds them
        List<byte[]> keptLarge = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            keptLarge.add(new byte[(int) MIB]);
        }
        under.classes.hold(keptLarge);
        over.classes.hold(new byte[(int) (4 * MIB)]);
        assertTrue(host.killLargest("a test"));
        assertTrue(over.killed.isDone(), "the SIP over its quota");
        assertTrue(over.killed.join().contains("is the furthest over its quota"), over.killed.join());
        assertTrue(!under.killed.isDone(), "not the one under its quota");
        large.release();
        small.release();
    }
}
