import singj.abi.Block;
import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.Sip;

/** Talks to /service/echo with a 4 KiB block a round, until the channel closes; then says why and ends normally. */
public class EchoLoop {
    public static void main(String[] args) {
        Endpoint<Echo> echo = Sip.open("/service/echo", Echo.class);
        int rounds = 0;
        try {
            while (true) {
                Block block = Sip.allocate(4096);
                block.putInt(0, rounds);
                echo.send(new Echo.Request("round", block));
                Echo.Reply reply = (Echo.Reply) echo.receive();
                if (reply.payload().getInt(0) != rounds + 1) {
                    System.out.println("wrong answer in round " + rounds);
                }
                reply.payload().free();
                if (++rounds == 1) {
                    System.out.println("talking");
                }
            }
        } catch (ChannelClosedException closed) {
            System.out.println("closed after " + rounds + " rounds: " + closed.getMessage());
        }
    }
}
