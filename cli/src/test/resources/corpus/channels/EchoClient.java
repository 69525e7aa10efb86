import singj.abi.Block;
import singj.abi.ContractViolationException;
import singj.abi.Endpoint;
import singj.abi.ExchangeHeapException;
import singj.abi.Sip;

/** Talks to /service/echo: a round trip with a 1 MiB block, a use after send, then (with "violate") a message out of turn. */
public class EchoClient {
    public static void main(String[] args) {
        Endpoint<Echo> echo = Sip.open("/service/echo", Echo.class);
        Block block = Sip.allocate(1 << 20);
        long address = block.address();
        block.putInt(0, 41);
        echo.send(new Echo.Request("hello", block));
        try {
            block.getInt(0);
            System.out.println("used after send");
        } catch (ExchangeHeapException dead) {
            System.out.println("dead after send: " + dead.getMessage());
        }
        Echo.Reply reply = (Echo.Reply) echo.receive();
        System.out.println(reply.text() + " " + reply.payload().getInt(0) + " same memory: " + (reply.payload().address() == address));
        reply.payload().free();
        if (args.length > 0 && args[0].equals("violate")) {
            try {
                echo.send(new Echo.Reply("out of turn", null));
            } catch (ContractViolationException violation) {
                System.out.println(violation.getMessage());
            }
            return;
        }
        echo.send(new Echo.Request("again", null));
        System.out.println(((Echo.Reply) echo.receive()).text());
        echo.send(new Echo.Bye());
        System.out.println("state " + echo.state());
    }
}
