package singj.apps.echoservice;

import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.Owned;
import singj.abi.Service;
import singj.abi.Sip;

/** Registers /service/echo and answers every client, each in a thread of its own, in upper case. */
public class EchoServer {
    public static final String NAME = "/service/echo";

    public static void main(String[] args) {
        Service<EchoContract> service = Sip.register(NAME, EchoContract.class);
        System.out.println("echo-server: serving " + NAME + " (pid " + Sip.pid() + ")");
        int clients = 0;
        while (true) {
            // a lambda may not capture an endpoint (the verifier could not follow it): it travels in an Owned
            Owned<Endpoint<EchoContract>> client = new Owned<>(service.accept());
            int number = ++clients;
            Thread thread = new Thread(() -> serve(client.take(), number), "client-" + number);
            thread.start();
        }
    }

    private static void serve(Endpoint<EchoContract> client, int number) {
        int answered = 0;
        try {
            while (true) {
                switch (client.receive()) {
                    case EchoContract.Request(String text) -> {
                        client.send(new EchoContract.Reply(text.toUpperCase()));
                        answered++;
                    }
                    case EchoContract.Bye() -> {
                        client.close();
                        System.out.println("echo-server: client " + number + " said goodbye after " + answered + " requests");
                        return;
                    }
                    default -> throw new IllegalStateException("not an echo message");
                }
            }
        } catch (ChannelClosedException closed) {
            System.out.println("echo-server: client " + number + " gone: " + closed.getMessage());
        }
    }
}
