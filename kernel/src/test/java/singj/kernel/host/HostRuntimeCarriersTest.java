package singj.kernel.host;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import singj.kernel.sched.SipThreadScheduler;

/**
 * SIP threads run on carriers their host runtime owns: the JVM's own runtime on
 * {@code singj-carrier-N}, another runtime on carriers of its own, which go when it closes while
 * the other runtime's threads keep running. Judged by the carrier a thread reports it ran on
 * (a mounted virtual thread's {@code toString} names it) and by the JVM's live threads.
 */
class HostRuntimeCarriersTest {
    @Test
    void theJvmsRuntimeRunsSipThreadsOnItsCarrierPool() throws InterruptedException {
        SipThreadScheduler threads = HostRuntime.ofThisJvm().sipThreads();
        assertEquals(SipThreadScheduler.CARRIER_POOL, threads.mechanism(),
                "the tests run with --add-opens java.base/java.lang=ALL-UNNAMED (see the parent pom)");
        assertTrue(carrierOf(threads).startsWith("singj-carrier-"), carrierOf(threads));
    }

    @Test
    void twoHostRuntimesHaveCarriersOfTheirOwnAndClosingOneLeavesTheOther() throws InterruptedException {
        HostRuntime first = HostRuntime.start();
        HostRuntime second = HostRuntime.start();
        try {
            assertNotSame(first.sipThreads(), second.sipThreads());
            String firstCarrier = carrierOf(first.sipThreads());
            String secondCarrier = carrierOf(second.sipThreads());
            String firstPrefix = firstCarrier.substring(0, firstCarrier.lastIndexOf('-') + 1);
            String secondPrefix = secondCarrier.substring(0, secondCarrier.lastIndexOf('-') + 1);
            assertTrue(firstPrefix.startsWith("singj-host-") && !firstPrefix.equals(secondPrefix),
                    firstCarrier + " and " + secondCarrier + ": each runtime's threads run on its own carriers");
            assertTrue(liveThreadsNamed(firstPrefix) > 0, "the first runtime's carriers are threads of the JVM");

            first.close();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (liveThreadsNamed(firstPrefix) > 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(0, liveThreadsNamed(firstPrefix), "a closed runtime's carriers (and monitor) stayed");
            assertEquals(secondCarrier.substring(0, secondCarrier.lastIndexOf('-') + 1),
                    prefixOf(carrierOf(second.sipThreads())), "the other runtime still runs its threads");
        } finally {
            second.close();
        }
    }

    /** The name of the carrier a new thread of {@code threads} ran on. */
    private static String carrierOf(SipThreadScheduler threads) throws InterruptedException {
        var shown = new AtomicReference<String>();
        threads.threads().start(() -> shown.set(Thread.currentThread().toString())).join();
        // a mounted virtual thread shows as VirtualThread[#id]/runnable@carrier-name
        String text = shown.get();
        return text.substring(text.lastIndexOf('@') + 1);
    }

    private static String prefixOf(String carrier) {
        return carrier.substring(0, carrier.lastIndexOf('-') + 1);
    }

    private static long liveThreadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(prefix) && t.isAlive()).count();
    }
}
