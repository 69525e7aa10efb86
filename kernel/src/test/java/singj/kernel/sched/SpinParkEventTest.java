package singj.kernel.sched;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import singj.abi.runtime.SipKilled;
import singj.abi.runtime.SipContext;

/**
 * A wait event's waiters park without a timeout, so no set may be lost: with several waiters, a set
 * that picks a waiter as it leaves the queue must reach another. Judged from outside: every waiter
 * is released, one per set.
 */
class SpinParkEventTest {
    private final SipContext owner = (SipContext) Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {SipContext.class}, (proxy, method, args) -> switch (method.getName()) {
                case "stopping" -> false;
                case "killed" -> new SipKilled("killed in the test");
                default -> throw new UnsupportedOperationException(method.getName());
            });

    @Test
    void noSetIsLostAmongManyParkedWaiters() throws InterruptedException {
        SpinParkEvent event = new SpinParkEvent(owner);
        int waiters = 8;
        int rounds = 200;
        var released = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < waiters; i++) {
            threads.add(Thread.ofVirtual().start(() -> {
                for (int r = 0; r < rounds; r++) {
                    event.await();
                    released.incrementAndGet();
                }
            }));
        }
        // a set as soon as the last one was taken, so sets keep landing while waiters leave the queue;
        // a set lost to a leaving waiter stays set with the others asleep, and no set follows
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (released.get() < waiters * rounds && System.nanoTime() < deadline) {
            if (!event.isSet()) {
                event.set();
            } else {
                Thread.onSpinWait();
            }
        }
        assertEquals(waiters * rounds, released.get(), "waiters slept through a set that was left standing");
        for (Thread thread : threads) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
            assertTrue(!thread.isAlive(), "a waiter is still waiting after its last set");
        }
    }
}
