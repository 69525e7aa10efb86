package singj.bench.workloads;

import singj.abi.Block;
import singj.abi.Channel;
import singj.abi.Owned;
import singj.abi.Sip;

/**
 * The SIP of {@code singj bench --scale}: it takes one of each kind of kernel resource (a name, a
 * channel, an exchange-heap block), then blocks in receive on its channel, where nothing will ever
 * arrive, until it is killed.
 */
public final class IdleSip {
    public static final String NAMES = "/bench/idle/";

    private static volatile boolean receiving;
    /** Held, so that the SIP owns a block while it idles (a handle lives in a field only inside an Owned). */
    private static final Owned<Block> block = new Owned<>();

    private IdleSip() {}

    public static void main(String[] args) {
        Sip.register(NAMES + Sip.pid(), PingPong.class);
        Channel<PingPong> channel = Sip.newChannel(PingPong.class);
        block.put(Sip.allocate(64));
        receiving = true;
        channel.server().receive(); // the client end never sends: blocks until the kill
    }

    /** Whether main has taken its resources and is about to block (or blocks) in receive. */
    public static boolean receiving() {
        return receiving;
    }
}
