import singj.abi.Block;
import singj.abi.ChannelClosedException;
import singj.abi.Contract;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.NameServiceException;
import singj.abi.Owned;
import singj.abi.Service;
import singj.abi.Sip;

/** "server": echoes blocks to every client, a thread each; "client": talks to it forever. */
public class Storm {
    @Contract({"READY client: Ping -> WAIT", "WAIT server: Pong -> READY"})
    public interface Talk {
        record Ping(Block block) implements Message {}
        record Pong(Block block) implements Message {}
    }

    public static void main(String[] args) throws InterruptedException {
        if (args[0].equals("server")) {
            Service<Talk> service = Sip.register("/storm/talk", Talk.class);
            System.out.println("ready");
            while (true) {
                Owned<Endpoint<Talk>> client = new Owned<>(service.accept());
                Thread serving = new Thread(() -> serve(client.take()));
                serving.setDaemon(true);
                serving.start();
            }
        }
        long rounds = 0;
        while (true) {
            Endpoint<Talk> talk = open();
            try {
                while (true) {
                    Block block = Sip.allocate(4096);
                    block.putLong(0, rounds);
                    talk.send(new Talk.Ping(block));
                    Talk.Pong pong = (Talk.Pong) talk.receive();
                    if (pong.block().getLong(0) != rounds + 1) {
                        throw new IllegalStateException("wrong answer");
                    }
                    pong.block().free();
                    if (++rounds == 100) {
                        System.out.println("talking");
                    }
                }
            } catch (ChannelClosedException serverGone) {
                // the server was killed (and the block with it): find the next one
            }
        }
    }

    static Endpoint<Talk> open() throws InterruptedException {
        while (true) {
            try {
                return Sip.open("/storm/talk", Talk.class);
            } catch (NameServiceException notYet) {
                Thread.sleep(1);
            }
        }
    }

    static void serve(Endpoint<Talk> client) {
        try {
            while (true) {
                Talk.Ping ping = (Talk.Ping) client.receive();
                ping.block().putLong(0, ping.block().getLong(0) + 1);
                client.send(new Talk.Pong(ping.block()));
            }
        } catch (ChannelClosedException gone) {
            // the client died: its blocks are the kernel's to free
        }
    }
}
