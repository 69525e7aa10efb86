package singj.bench.workloads;

import java.io.IOException;

import singj.abi.Sip;
import singj.abi.WaitEvent;

/**
 * The SIP of the waitset-ping-pong row: two threads of one SIP, virtual threads as every SIP thread
 * is by default (the answerer started by the pinger, as a SIP starts its threads), wake each other
 * through two kernel wait events. On SingJ's carrier pool a set hands the carrier to the thread it
 * wakes, which runs as soon as the setter waits: each wake-up is a switch between the two threads on
 * one carrier, as in Singularity, where both ran on one CPU under the kernel's scheduler. The
 * answering thread counts its wake-ups.
 */
public final class EventPingPong {
    private static final WaitEvent PING = Sip.newWaitEvent();
    private static final WaitEvent PONG = Sip.newWaitEvent();
    private static long wakeUps;

    private EventPingPong() {}

    public static void main(String[] args) {
        try {
            while (System.in.read() >= 0) {
                // wait for the end of input
            }
        } catch (IOException closed) {
            // input closed: the end as well
        }
    }

    /** {@code roundTrips} round trips between the two threads; returns the answering thread's wake-ups in them. */
    public static long pingPongs(int roundTrips) throws InterruptedException {
        long before = wakeUps;
        Thread.startVirtualThread(() -> {
            Thread answerer = Thread.startVirtualThread(() -> {
                for (int i = 0; i < roundTrips; i++) {
                    PING.await();
                    wakeUps++;
                    PONG.set();
                }
            });
            for (int i = 0; i < roundTrips; i++) {
                PING.set();
                PONG.await();
            }
            joinUninterruptibly(answerer); // its wake-ups are read after this join
        }).join();
        return wakeUps - before;
    }

    private static void joinUninterruptibly(Thread thread) {
        while (true) {
            try {
                thread.join();
                return;
            } catch (InterruptedException notOurs) {
                // the benchmark does not interrupt; a kill unwinds at the next kill check
            }
        }
    }
}
