package singj.kernel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The judging rule of the memory accounts, fed samples by hand (as the JVM's sampler feeds them):
 * a SIP whose samples are alive past its limit is killed after a full collection, one whose samples
 * were garbage is not (and its trigger rises), and the heap guard picks a SIP over its quota before
 * one under it that holds more.
 */
class MemoryAccountTest {
    private static final long MIB = 1024 * 1024;
    private final HostRuntime host = HostRuntime.start();

    @AfterEach
    void close() {
        host.close();
    }

    /** A SIP as the accounting sees it: its own classes (a census counts their statics), no threads; records its kill. */
    private static final class FakeSip implements MemoryAccount.Holder {
        final CompletableFuture<String> killed = new CompletableFuture<>();
        final OwnClasses classes = new OwnClasses();

        @Override
        public ClassLoader loader() {
            return classes;
        }

        @Override
        public Thread[] threads() {
            return new Thread[0];
        }

        @Override
        public boolean killForMemory(String detail) {
            return killed.complete(detail);
        }

        @Override
        public boolean expendable() {
            return true;
        }
    }

    /** {@code mebibytes} arrays of 1 MiB kept by {@code sip}, each sampled: a large object weighs about its own size. */
    private static List<byte[]> allocate(FakeSip sip, MemoryAccount account, int mebibytes) {
        List<byte[]> arrays = new ArrayList<>();
        sip.classes.hold(arrays);
        for (int i = 0; i < mebibytes; i++) {
            byte[] array = new byte[(int) MIB];
            arrays.add(array);
            account.sampled(array, MIB);
        }
        return arrays;
    }

    @Test
    void aSampleWeighsTheBytesItStandsFor() {
        assertEquals(HeapSampler.INTERVAL, HeapSampler.weight(1), HeapSampler.INTERVAL * 1e-3, "a small object stands for an interval");
        assertEquals(64 * MIB, HeapSampler.weight(64 * MIB), 1, "a large one for itself");
    }

    @Test
    void samplesAlivePastTheLimitAfterAFullCollectionKill() throws Exception {
        FakeSip sip = new FakeSip();
        MemoryAccount account = host.openAccount(4 * MIB, sip);
        List<byte[]> kept = allocate(sip, account, 16);
        String detail = sip.killed.get(30, TimeUnit.SECONDS);
        // judged as soon as the estimate passed its trigger, perhaps before all 16 were allocated
        var held = java.util.regex.Pattern.compile("memory quota of 4 MiB exceeded \\(about (\\d+) MiB live after a full collection; "
                + "(more than )?\\d+\\.\\d MiB reachable, (\\d+) bytes, counted by a heap census\\)").matcher(detail);
        assertTrue(held.matches(), detail);
        assertTrue(Long.parseLong(held.group(3)) > 4 * MIB, "counted over its quota: " + detail);
        assertEquals(MemoryAccount.DYING_STALL_MILLIS, account.sampled(new Object(), 16), "a dying SIP's threads are slowed");
        assertEquals(16, kept.size());
        account.release();
    }

    @Test
    void anEstimateOfWhatTheSipDoesNotHoldDoesNotKill() throws Exception {
        FakeSip sip = new FakeSip();
        MemoryAccount account = host.openAccount(4 * MIB, sip);
        List<byte[]> heldByOthers = new ArrayList<>();
        for (int i = 0; i < 16; i++) {
            byte[] array = new byte[(int) MIB];
            heldByOthers.add(array); // alive, sampled on its thread, but not reachable from the SIP
            account.sampled(array, MIB);
        }
        account.cut();
        host.collections().forceCollection();
        account.judge();
        assertNull(sip.killed.getNow(null), "the census found nothing the SIP holds");
        assertEquals(16, heldByOthers.size());
        account.release();
    }

    @Test
    void kernelObjectsChargedToASipCount() throws Exception {
        FakeSip sip = new FakeSip();
        MemoryAccount account = host.openAccount(4 * MIB, sip);
        for (int i = 0; i < 5; i++) {
            account.chargeKernel(MIB); // e.g. channels the kernel holds for it
        }
        String detail = sip.killed.get(30, TimeUnit.SECONDS);
        assertTrue(detail.contains("5.0 MiB reachable"), detail);
        account.release();
    }

    @Test
    void samplesThatWereGarbageDoNotKillAndRaiseTheTrigger() throws Exception {
        FakeSip sip = new FakeSip();
        MemoryAccount account = host.openAccount(4 * MIB, sip);
        long limit = account.limit();
        for (int i = 0; i < 2 * limit / MIB; i++) {
            account.sampled(new byte[(int) MIB], MIB); // dropped at once: garbage past the limit
        }
        // a judgment as the collection watch makes one (young collections may have found the
        // garbage first, and then none was asked for)
        account.cut();
        host.collections().forceCollection();
        account.judge();
        assertNull(sip.killed.getNow(null), "the judgment found nothing alive");
        assertEquals(0, account.liveEstimate(), "every sample was garbage");
        assertTrue(account.trigger() >= 3 * limit - MIB, "a judgment that found garbage raised the trigger: " + account.trigger());
        assertTrue(account.trigger() <= MemoryAccount.MAX_TRIGGER_FACTOR * limit);
        account.release();
    }

    @Test
    void whatIsAllocatedAfterTheCutWaitsForTheNextJudgment() throws Exception {
        FakeSip sip = new FakeSip();
        MemoryAccount account = host.openAccount(4 * MIB, sip);
        account.cut();
        host.collections().forceCollection();
        // allocated while the watch waits for a core after the collection: alive at the judgment,
        // but no collection has seen it yet (under load, the garbage of an honest SIP)
        List<byte[]> afterTheCut = new ArrayList<>();
        sip.classes.hold(afterTheCut);
        for (int i = 0; i < 2 * account.limit() / MIB; i++) {
            byte[] block = new byte[(int) MIB];
            afterTheCut.add(block);
            account.record(block, MIB);
        }
        account.judge();
        assertNull(sip.killed.getNow(null), "judged on what the collection saw");
        account.cut();
        host.collections().forceCollection();
        account.judge();
        assertTrue(sip.killed.get(30, TimeUnit.SECONDS).contains("exceeded"), "the next judgment sees it");
        assertTrue(afterTheCut.size() > 4);
        account.release();
    }

    @Test
    void theHeapGuardKillsASipOverItsQuotaBeforeOneUnderItsOwnThatHoldsMore() {
        FakeSip under = new FakeSip();
        MemoryAccount large = host.openAccount(256 * MIB, under);
        FakeSip over = new FakeSip();
        MemoryAccount small = host.openAccount(1 * MIB, over);
        List<byte[]> keptLarge = allocate(under, large, 40);
        List<byte[]> keptSmall = hoardUnseen(over, 4); // unsampled: its own judgment does not kill it first
        assertTrue(host.killLargest("a test"));
        assertTrue(over.killed.isDone(), "the SIP over its quota");
        assertTrue(over.killed.join().contains("is over its quota of 1 MiB") && over.killed.join().contains("counted by a heap census"),
                over.killed.join());
        assertTrue(!under.killed.isDone(), "not the one under its quota");
        assertEquals(44, keptLarge.size() + keptSmall.size());
        large.release();
        small.release();
    }

    /** {@code mebibytes} arrays of 1 MiB that {@code sip} holds and no sample saw: its estimate is blind to them. */
    private static List<byte[]> hoardUnseen(FakeSip sip, int mebibytes) {
        List<byte[]> arrays = new ArrayList<>();
        sip.classes.hold(arrays);
        for (int i = 0; i < mebibytes; i++) {
            arrays.add(new byte[(int) MIB]);
        }
        return arrays;
    }

    /** {@code mebibytes} arrays of 1 MiB sampled on {@code account} but held by the test, not by its SIP. */
    private static List<byte[]> sampledButHeldByOthers(MemoryAccount account, int mebibytes) {
        List<byte[]> arrays = new ArrayList<>();
        for (int i = 0; i < mebibytes; i++) {
            byte[] array = new byte[(int) MIB];
            arrays.add(array);
            account.sampled(array, MIB);
        }
        return arrays;
    }

    @Test
    void theHeapGuardKillsTheSipItsCensusFindsOverItsQuotaNotTheOneItsEstimatePointsAt() {
        FakeSip honest = new FakeSip();
        MemoryAccount inflated = host.openAccount(4 * MIB, honest);
        FakeSip hoarder = new FakeSip();
        MemoryAccount blind = host.openAccount(8 * MIB, hoarder);
        List<byte[]> others = sampledButHeldByOthers(inflated, 16);
        List<byte[]> hoard = hoardUnseen(hoarder, 12);
        assertTrue(inflated.overQuota() && !blind.overQuota(), "the estimates point at the honest SIP");
        assertTrue(host.killLargest("a test"));
        String detail = hoarder.killed.getNow("not killed");
        assertTrue(detail.contains("is over its quota of 8 MiB") && detail.contains("counted by a heap census"), detail);
        assertNull(honest.killed.getNow(null), "the honest SIP, under its quota by its census, lives");
        assertEquals(28, others.size() + hoard.size());
        inflated.release();
        blind.release();
    }

    @Test
    void whenNoSipIsOverItsQuotaTheHeapGuardKillsTheOneItsCensusFindsHoldingTheMost() {
        FakeSip light = new FakeSip();
        MemoryAccount inflated = host.openAccount(64 * MIB, light);
        FakeSip heavy = new FakeSip();
        MemoryAccount blind = host.openAccount(64 * MIB, heavy);
        List<byte[]> others = sampledButHeldByOthers(inflated, 40);
        List<byte[]> hoard = hoardUnseen(heavy, 20);
        assertTrue(inflated.liveEstimate() > blind.liveEstimate(), "the estimates point at the light SIP");
        assertTrue(host.killLargest("a test"));
        String detail = heavy.killed.getNow("not killed");
        assertTrue(detail.contains("no SIP is over its quota by a heap census, and this SIP holds the most"), detail);
        assertNull(light.killed.getNow(null));
        assertEquals(60, others.size() + hoard.size());
        inflated.release();
        blind.release();
    }

    @Test
    void aSipThatKeepsWhatItReceivesIsJudgedAsIfItHadMadeIt() throws Exception {
        FakeSip sip = new FakeSip();
        MemoryAccount account = host.openAccount(4 * MIB, sip);
        List<byte[]> kept = new ArrayList<>();
        sip.classes.hold(kept);
        for (int i = 0; i < 16; i++) {
            byte[] message = new byte[(int) MIB]; // made by another SIP, whose sampler saw it
            kept.add(message);
            account.received(message, MIB);
        }
        assertTrue(sip.killed.get(30, TimeUnit.SECONDS).contains("memory quota of 4 MiB exceeded"), "judged, and counted over its quota");
        assertEquals(16, kept.size());
        account.release();
    }

    @Test
    void smallMessagesReceivedAreCountedAtRandomWithoutBias() {
        FakeSip sip = new FakeSip();
        MemoryAccount account = host.openAccount(1L << 40, sip); // never judged
        List<Object> kept = new ArrayList<>();
        int messages = 200_000;
        for (int i = 0; i < messages; i++) {
            Object message = new Object();
            kept.add(message);
            account.received(message, 64);
        }
        double expected = messages * 64.0;
        // about 49 samples of 256 KiB each: within 4 standard deviations (sqrt(49) = 7 samples) of the bytes received
        assertEquals(expected, account.liveEstimate(), 4 * 7 * HeapSampler.INTERVAL, "an unbiased estimate");
        assertEquals(messages, kept.size());
        account.release();
    }
}
