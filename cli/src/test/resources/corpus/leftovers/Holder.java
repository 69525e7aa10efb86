import java.util.ArrayList;
import java.util.List;
import singj.abi.Block;
import singj.abi.Channel;
import singj.abi.Contract;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.NameServiceException;
import singj.abi.Owned;
import singj.abi.Service;
import singj.abi.Sip;

/**
 * Leaves behind all it can in the kernel: registered names, channels to itself with messages
 * (strings and exchange blocks) queued in them, blocks it holds, clients it accepted and never
 * answered, a name of 4 Mi characters. Args: "server SEED NAMES" registers /leftovers/SEED-0 .. NAMES-1 and serves the first;
 * "client SEED" opens /leftovers/SEED-0 and sends it a block it never gets back. Both block until
 * killed after printing "holding".
 */
public class Holder {
    @Contract({"OPEN client: Note -> HELD", "HELD server: Note -> OPEN"})
    public interface Hold {
        record Note(String text, Block block) implements Message {}
    }

    static final List<Owned<Endpoint<Hold>>> ENDS = new ArrayList<>();
    static final List<Owned<Block>> BLOCKS = new ArrayList<>();
    static final List<Service<Hold>> SERVICES = new ArrayList<>();

    public static void main(String[] args) throws InterruptedException {
        String seed = args[1];
        String text = (seed + "-note-").repeat(8192); // ~64 KiB of chars per message
        for (int i = 0; i < 16; i++) {
            Channel<Hold> channel = Sip.newChannel(Hold.class);
            Endpoint<Hold> client = channel.client();
            client.send(new Hold.Note(text + i, Sip.allocate(256 * 1024)));
            ENDS.add(new Owned<>(client));
            ENDS.add(new Owned<>(channel.server()));
            BLOCKS.add(new Owned<>(Sip.allocate(128 * 1024)));
        }
        if (args[0].equals("server")) {
            int names = Integer.parseInt(args[2]);
            for (int i = 0; i < names; i++) {
                SERVICES.add(Sip.register("/leftovers/" + seed + "-" + i, Hold.class));
            }
            try {
                // a name of megabytes: if the kernel took it, it would remember it for good
                SERVICES.add(Sip.register("/leftovers/" + seed + "-long-" + "n".repeat(4 << 20), Hold.class));
            } catch (NameServiceException refused) {
                System.out.println("long name refused");
            }
            System.out.println("holding");
            while (true) {
                Endpoint<Hold> client = SERVICES.getFirst().accept();
                Hold.Note note = (Hold.Note) client.receive();
                BLOCKS.add(new Owned<>(note.block()));
                ENDS.add(new Owned<>(client));
            }
        }
        Endpoint<Hold> server = open("/leftovers/" + seed + "-0");
        server.send(new Hold.Note(text, Sip.allocate(512 * 1024)));
        ENDS.add(new Owned<>(server));
        System.out.println("holding");
        Thread.sleep(Long.MAX_VALUE);
    }

    static Endpoint<Hold> open(String name) throws InterruptedException {
        while (true) {
            try {
                return Sip.open(name, Hold.class);
            } catch (NameServiceException notYet) {
                Thread.sleep(1);
            }
        }
    }
}
