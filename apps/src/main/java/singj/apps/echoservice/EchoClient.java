package singj.apps.echoservice;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import singj.abi.Endpoint;
import singj.abi.NameServiceException;
import singj.abi.Sip;

/**
 * Opens /service/echo, sends its arguments one by one (or, without arguments, the lines of
 * standard input) and prints each reply, then says goodbye.
 */
public class EchoClient {
    public static void main(String[] args) throws IOException, InterruptedException {
        Endpoint<EchoContract> echo = open(EchoServer.NAME);
        if (args.length > 0) {
            for (String text : args) {
                ask(echo, text);
            }
        } else {
            var in = new BufferedReader(new InputStreamReader(System.in));
            for (String line; (line = in.readLine()) != null; ) {
                ask(echo, line);
            }
        }
        echo.send(new EchoContract.Bye());
        System.out.println("echo-client: goodbye (channel " + echo.state() + ")");
    }

    /** One round trip (a method, not a lambda: a lambda may not capture an endpoint). */
    private static void ask(Endpoint<EchoContract> echo, String text) {
        echo.send(new EchoContract.Request(text));
        EchoContract.Reply reply = (EchoContract.Reply) echo.receive();
        System.out.println(reply.text());
    }

    /** Opens {@code name}, waiting up to 5 s for it to be registered. */
    static Endpoint<EchoContract> open(String name) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                return Sip.open(name, EchoContract.class);
            } catch (NameServiceException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }
}
