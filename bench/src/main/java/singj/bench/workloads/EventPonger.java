package singj.bench.workloads;

import java.io.IOException;

import singj.abi.Sip;
import singj.abi.WaitEvent;

/**
 * The SIP of the waitset-ping-pong row: two threads of one SIP wake each other through two kernel
 * wait events. {@code main} starts the answering thread, which waits for {@code ping}, counts the
 * wake-up and sets {@code pong}; the benchmark thread calls {@link #roundTrip()} into the SIP.
 */
public final class EventPonger {
    private static final WaitEvent PING = Sip.newWaitEvent();
    private static final WaitEvent PONG = Sip.newWaitEvent();
    private static volatile long wakeUps;
    private static volatile boolean answering;

    private EventPonger() {}

    public static void main(String[] args) {
        Thread answerer = new Thread(EventPonger::answer, "answerer");
        answerer.setDaemon(true);
        answerer.start();
        try {
            while (System.in.read() >= 0) {
                // wait for the end of input
            }
        } catch (IOException closed) {
            // input closed: the end as well
        }
    }

    private static void answer() {
        answering = true;
        while (true) {
            PING.await();
            wakeUps++; // only this thread writes it
            PONG.set();
        }
    }

    /** Whether the answering thread runs yet. */
    public static boolean ready() {
        return answering;
    }

    /** Wakes the other thread and waits until it wakes this one; returns its count of wake-ups. */
    public static long roundTrip() {
        PING.set();
        PONG.await();
        return wakeUps;
    }

    public static long wakeUps() {
        return wakeUps;
    }
}
