import singj.abi.Block;
import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.Owned;
import singj.abi.Service;
import singj.abi.Sip;

/** Registers /service/echo and answers every client in a thread of its own, in upper case. */
public class EchoServer {
    public static void main(String[] args) {
        Service<Echo> service = Sip.register("/service/echo", Echo.class);
        System.out.println("ready");
        while (true) {
            // a lambda may not capture an endpoint: it travels to the thread in an Owned
            Owned<Endpoint<Echo>> client = new Owned<>(service.accept());
            new Thread(() -> serve(client.take())).start();
        }
    }

    static void serve(Endpoint<Echo> client) {
        try {
            while (true) {
                switch (client.receive()) {
                    case Echo.Request(String text, Block payload) -> {
                        if (payload != null) {
                            payload.putInt(0, payload.getInt(0) + 1);
                        }
                        client.send(new Echo.Reply(text.toUpperCase(), payload));
                    }
                    case Echo.Bye() -> {
                        client.close();
                        return;
                    }
                    default -> throw new IllegalStateException("not an Echo message");
                }
            }
        } catch (ChannelClosedException closed) {
            System.out.println("client gone: " + closed.getMessage());
        }
    }
}
