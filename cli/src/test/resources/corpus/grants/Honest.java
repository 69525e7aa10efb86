import singj.abi.Channel;
import singj.abi.Endpoint;
import singj.abi.Service;
import singj.abi.Sip;

/** Beside a hog: makes a thread, a channel, a name, and talks to itself through it. */
public class Honest {
    @singj.abi.Contract({"READY client: Hi -> DONE", "DONE"})
    public interface Ping {
        record Hi(int n) implements singj.abi.Message {}
    }

    public static void main(String[] args) throws Exception {
        int[] seen = new int[1];
        Thread t = new Thread(() -> seen[0] = 42);
        t.start();
        t.join();
        Channel<Ping> channel = Sip.newChannel(Ping.class);
        Service<Ping> service = Sip.register("/honest/ping", Ping.class);
        Endpoint<Ping> client = Sip.open("/honest/ping", Ping.class);
        Endpoint<Ping> server = service.accept();
        client.send(new Ping.Hi(seen[0]));
        System.out.println("honest ok: " + server.receive() + ", channel open " + channel.client().isOpen());
    }
}
