package singj.bench.workloads;

import singj.abi.Block;
import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.Owned;
import singj.abi.Service;
import singj.abi.Sip;

/**
 * The server SIP of the message-passing benchmark: registers {@value #NAME} and answers every Ping
 * with a Pong, each client on a thread of its own. A block in a Ping goes back in the Pong, with
 * its first int incremented (so that a test can see the ponger touched it).
 */
public final class Ponger {
    public static final String NAME = "/bench/pong";

    private static volatile boolean registered;
    private static volatile long pings;

    private Ponger() {}

    public static void main(String[] args) {
        Service<PingPong> service = Sip.register(NAME, PingPong.class);
        registered = true;
        while (true) {
            Owned<Endpoint<PingPong>> client = new Owned<>(service.accept());
            // a virtual thread, as the SIP's main thread is: both on the kernel's scheduler
            Thread.ofVirtual().name("ponger").start(() -> serve(client.take()));
        }
    }

    private static void serve(Endpoint<PingPong> client) {
        try {
            while (true) {
                PingPong.Ping ping = (PingPong.Ping) client.receive();
                pings++; // one server thread per client, and the benchmark has one client
                Block payload = ping.payload();
                if (payload != null) {
                    payload.putInt(0, payload.getInt(0) + 1);
                }
                client.send(new PingPong.Pong(payload));
            }
        } catch (ChannelClosedException closed) {
            // the pinger went away
        }
    }

    /** Whether {@link #NAME} is registered yet (so that a pinger may open it). */
    public static boolean registered() {
        return registered;
    }

    /** How many Pings this SIP has answered. */
    public static long pings() {
        return pings;
    }
}
