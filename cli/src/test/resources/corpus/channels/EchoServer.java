import singj.abi.Block;
import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.Service;
import singj.abi.Sip;

/** Registers /service/echo and answers every client in a thread of its own, in upper case. */
public class EchoServer {
    public static void main(String[] args) {
        Service<Echo> service = Sip.register("/service/echo", Echo.class);
        System.out.println("ready");
        while (true) {
            Endpoint<Echo> client = service.accept();
            new Thread(() -> serve(client)).start();
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
