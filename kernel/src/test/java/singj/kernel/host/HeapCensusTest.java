package singj.kernel.host;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.ref.SoftReference;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;

/**
 * What a heap census counts, judged against sizes known in advance: a SIP's statics, its threads'
 * stacks (platform and virtual, running and parked), what only weak or soft references reach; not
 * what others' threads or the kernel hold (a kernel object it reaches counts at its own size
 * only), not garbage. An attacker's shapes: a linked list two million deep (the walk is
 * iterative), a hoard far over the bound (the walk stops there).
 */
class HeapCensusTest {
    private static final long MIB = 1024 * 1024;
    private static final Thread[] NO_THREADS = {};
    private static volatile Object sink;

    static {
        HostThreads.loaded();
    }

    private static long count(OwnClasses sip, Thread... threads) {
        HeapCensus.Count count = HeapCensus.take(sip, threads, Long.MAX_VALUE);
        System.out.printf("CENSUS %.2f MiB in %d objects (%d tagged), walk %.1f ms, set-up %.1f ms over %d classes%n",
                count.bytes() / (double) MIB, count.objects(), count.taggedObjects(), count.walkNanos() / 1e6,
                count.setUpNanos() / 1e6, count.classes());
        return count.bytes();
    }

    private static void assertAbout(long expected, long counted, String what) {
        assertTrue(counted >= expected && counted < expected + 64 * 1024, what + ": counted " + counted + ", held " + expected);
    }

    @Test
    void aStaticIsCountedAndGarbageIsNot() {
        OwnClasses sip = new OwnClasses();
        assertTrue(count(sip) < 1024, "nothing held yet");
        sip.hold(new byte[(int) (10 * MIB)]);
        for (int i = 0; i < 20; i++) {
            sink = new byte[(int) MIB]; // garbage: never reachable from the SIP
        }
        assertAbout(10 * MIB, count(sip), "a static array");
        sip.hold(null);
        assertTrue(count(sip) < 1024, "dropped: garbage at once, no collection needed");
    }

    @Test
    void objectsAreCountedOnceWhateverPointsAtThem() {
        OwnClasses sip = new OwnClasses();
        byte[] shared = new byte[(int) MIB];
        Object[] node = {shared};
        List<Object> list = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            list.add(shared);
            list.add(node);
        }
        sip.hold(list);
        assertAbout(MIB, count(sip), "one array and one node referenced a thousand times each");
    }

    @Test
    void instancesAndArraysAreCountedAtTheirSizes() {
        OwnClasses sip = new OwnClasses();
        Map<Integer, Integer> map = new HashMap<>();
        for (int i = 1000; i < 101_000; i++) {
            map.put(i, i);
        }
        sip.hold(map);
        // 100,000 nodes of 32 bytes, 200,000 Integers of 16, a table of 2^18 compressed references
        long expected = 100_000L * 32 + 200_000L * 16 + 262_144L * 4 + 16;
        long counted = count(sip);
        assertTrue(Math.abs(counted - expected) < 1024, "counted " + counted + ", expected " + expected);
    }

    @Test
    void whatOnlyWeakOrSoftReferencesReachIsCounted() {
        OwnClasses sip = new OwnClasses();
        byte[] weakly = new byte[(int) (3 * MIB)];
        byte[] softly = new byte[(int) (4 * MIB)];
        sip.hold(new Object[] {new WeakReference<>(weakly), new SoftReference<>(softly)});
        // the referents are alive (held here too, so that no collection clears them mid-test)
        assertAbout(7 * MIB, count(sip), "live until cleared");
        sink = new Object[] {weakly, softly};
    }

    @Test
    void aKernelObjectItReachesCountsAtItsOwnSizeOnly() {
        OwnClasses sip = new OwnClasses();
        sip.hold(new KernelThing(new byte[(int) (8 * MIB)]));
        assertTrue(count(sip) < 1024, "the kernel's object is a barrier");
    }

    /** A kernel class (of the kernel's loader): what it refers to is the kernel's. */
    private record KernelThing(byte[] data) {}

    @Test
    void itsThreadsStacksAreCountedAndNoOtherThreads() throws Exception {
        OwnClasses sip = new OwnClasses();
        var stop = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch ready = new CountDownLatch(3);
        Thread platform = new Thread(() -> holdWhile(stop, ready, 8, false));
        Thread running = Thread.ofVirtual().unstarted(() -> holdWhile(stop, ready, 6, false));
        Thread parked = Thread.ofVirtual().unstarted(() -> holdWhile(stop, ready, 5, true));
        platform.start();
        running.start();
        parked.start();
        ready.await();
        try {
            assertAbout(8 * MIB, count(sip, platform), "a platform thread's local");
            assertTrue(count(sip) < 1024, "a thread that is not the SIP's");
            long mounted = count(sip, running);
            assertTrue(mounted >= 6 * MIB && mounted < 6 * MIB + MIB, "a running virtual thread's local: " + mounted);
            long unmounted = count(sip, parked);
            assertTrue(unmounted >= 5 * MIB && unmounted < 5 * MIB + MIB, "a parked virtual thread's local: " + unmounted);
        } finally {
            stop.set(true);
            LockSupport.unpark(parked);
            platform.join();
            running.join();
            parked.join();
        }
    }

    private static void holdWhile(java.util.concurrent.atomic.AtomicBoolean stop, CountDownLatch ready, int mebibytes, boolean park) {
        byte[] local = new byte[(int) (mebibytes * MIB)];
        ready.countDown();
        while (!stop.get()) {
            if (park) {
                LockSupport.park();
            } else {
                Thread.onSpinWait();
            }
        }
        sink = local;
    }

    @Test
    void aListTwoMillionDeepIsWalkedWithoutRecursion() {
        OwnClasses sip = new OwnClasses();
        Object[] head = null;
        for (int i = 0; i < 2_000_000; i++) {
            head = new Object[] {head};
        }
        sip.hold(head);
        long counted = count(sip);
        // an Object[1] is 24 bytes with a 12-byte header and compressed references, 16 with compact headers
        assertTrue(counted >= 2_000_000L * 16 && counted <= 2_000_000L * 24 + 1024, "two million arrays of one reference: " + counted);
    }

    @Test
    void aHoardFarOverTheBoundStopsTheWalkThere() {
        OwnClasses sip = new OwnClasses();
        List<int[]> hoard = new ArrayList<>();
        for (int i = 0; i < 1_000_000; i++) {
            hoard.add(new int[4]);
        }
        sip.hold(hoard);
        HeapCensus.Count count = HeapCensus.take(sip, NO_THREADS, MIB);
        assertTrue(count.stoppedEarly() && count.bytes() > MIB, "stopped past the bound");
        assertTrue(count.objects() < 40_000, "walked about 1 MiB of 32-byte arrays, not 32 MiB: " + count.objects());
    }

    @Test
    void twoSipsReachingOneObjectBothPayForIt() {
        OwnClasses one = new OwnClasses();
        OwnClasses other = new OwnClasses();
        byte[] both = new byte[(int) (2 * MIB)];
        one.hold(both);
        other.hold(both);
        assertAbout(2 * MIB, count(one), "the first");
        assertAbout(2 * MIB, count(other), "the second");
    }
}
