import java.util.ArrayList;
import java.util.List;
import singj.abi.Block;
import singj.abi.Channel;
import singj.abi.Contract;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Sip;

/**
 * Hostile uses of channels and the exchange heap, one per mode: each must get its clear error,
 * which the program prints (prefixed "caught: ") before it exits normally.
 */
public class IpcHostile {
    @Contract({"A client: Pass -> B", "B server: Ack -> A"})
    public interface Relay {
        record Pass(Endpoint<?> endpoint, Block block) implements Message {}
        record Ack() implements Message {}
    }

    public static void main(String[] args) {
        try {
            switch (args[0]) {
                case "endpoint-twice" -> endpointTwice();
                case "endpoint-after-send" -> endpointAfterSend();
                case "block-twice" -> blockTwice();
                case "block-after-free" -> blockAfterFree();
                case "flood" -> flood();
                case "exhaust" -> exhaust();
                case "receive-out-of-turn" -> Sip.newChannel(Relay.class).client().receive();
                case "lock-message" -> lockMessage();
                default -> throw new IllegalArgumentException(args[0]);
            }
            System.out.println("no error");
        } catch (RuntimeException e) {
            System.out.println("caught: " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static void endpointTwice() {
        Channel<Relay> relay = Sip.newChannel(Relay.class);
        Channel<Relay> inner = Sip.newChannel(Relay.class);
        relay.client().send(new Relay.Pass(inner.client(), null));
        relay.server().receive();
        relay.server().send(new Relay.Ack());
        relay.client().receive();
        relay.client().send(new Relay.Pass(inner.client(), null)); // already sent away
    }

    static void endpointAfterSend() {
        Channel<Relay> relay = Sip.newChannel(Relay.class);
        Channel<Relay> inner = Sip.newChannel(Relay.class);
        relay.client().send(new Relay.Pass(inner.client(), null));
        inner.client().send(new Relay.Pass(null, null)); // the sender no longer holds it
    }

    static void blockTwice() {
        Block block = Sip.allocate(64);
        Channel<Relay> relay = Sip.newChannel(Relay.class);
        Channel<Relay> other = Sip.newChannel(Relay.class);
        relay.client().send(new Relay.Pass(null, block));
        other.client().send(new Relay.Pass(null, block)); // moved already
    }

    static void blockAfterFree() {
        Block block = Sip.allocate(64);
        block.free();
        block.putInt(0, 1);
    }

    static void flood() {
        Channel<Relay> relay = Sip.newChannel(Relay.class);
        relay.client().send(new Relay.Pass(null, null));
        relay.client().send(new Relay.Pass(null, null)); // the server has not answered
    }

    static void lockMessage() {
        Channel<Relay> relay = Sip.newChannel(Relay.class);
        relay.client().send(new Relay.Pass(null, null));
        Object received = relay.server().receive(); // the very object the sender holds
        synchronized (received) {
            System.out.println("locked a message");
        }
    }

    static void exhaust() {
        List<Block> hoard = new ArrayList<>();
        while (true) {
            hoard.add(Sip.allocate(1 << 20));
        }
    }
}
