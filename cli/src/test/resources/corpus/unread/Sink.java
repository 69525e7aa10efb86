import singj.abi.Endpoint;
import singj.abi.Service;
import singj.abi.Sip;

/** Registers /service/sink and accepts every client, and never reads a message: a peer that parks what it is sent. */
public class Sink {
    public static void main(String[] args) {
        Service<Park> service = Sip.register("/service/sink", Park.class);
        System.out.println("ready");
        for (int accepted = 1; ; accepted++) {
            Endpoint<Park> client = service.accept();
            System.out.println("accepted " + accepted + " " + client.isOpen());
        }
    }
}
