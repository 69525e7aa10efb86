package singj.bench.workloads;

import java.io.IOException;

import singj.abi.Sip;
import singj.abi.WaitEvent;

/**
 * The SIP of the waitset-ping-pong row: two cooperative threads of one SIP
 * ({@code Sip.runCooperatively}) wake each other through two kernel wait events. A wait on an event
 * that is not set hands the CPU to the other thread of the group, and a set makes the waiter
 * runnable again: each wake-up is a switch between the two threads, as in Singularity, where both
 * threads ran on one CPU under the kernel's scheduler. The answering thread counts its wake-ups.
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
    public static long pingPongs(int roundTrips) {
        long before = wakeUps;
        Sip.runCooperatively(() -> {
            for (int i = 0; i < roundTrips; i++) {
                PING.set();
                PONG.await();
            }
        }, () -> {
            for (int i = 0; i < roundTrips; i++) {
                PING.await();
                wakeUps++;
                PONG.set();
            }
        });
        return wakeUps - before;
    }
}
