import singj.abi.Contract;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Service;
import singj.abi.Sip;

/**
 * Three SIPs of one program, by mode. The victim waits in an untimed receive on its end of a
 * channel; the mover holds the other end and keeps it in flight, bouncing it to the keeper and
 * back in messages, so that when the victim is killed its peer end is as likely to be inside a
 * message as in a SIP.
 */
public class EndMover {
    @Contract({"A client: Ping -> B", "B server: Pong -> A"})
    public interface Wait {
        record Ping() implements Message {}
        record Pong() implements Message {}
    }

    @Contract({"A client: Pass -> B", "B server: Pass -> A"})
    public interface Bounce {
        record Pass(Endpoint<Wait> endpoint) implements Message {}
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "victim" -> victim();
            case "keeper" -> keeper();
            case "mover" -> mover();
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void victim() {
        Service<Wait> service = Sip.register("/mover/victim", Wait.class);
        Endpoint<Wait> end = service.accept();
        System.out.println("parked");
        System.out.flush();
        end.receive(); // nothing is ever sent: parked, untimed, until the kill
        System.out.println("received");
    }

    static void keeper() {
        Service<Bounce> service = Sip.register("/mover/keeper", Bounce.class);
        Endpoint<Bounce> mover = service.accept();
        while (true) {
            Bounce.Pass pass = (Bounce.Pass) mover.receive();
            mover.send(new Bounce.Pass(pass.endpoint()));
        }
    }

    static void mover() {
        Endpoint<Bounce> keeper = Sip.open("/mover/keeper", Bounce.class);
        keeper.send(new Bounce.Pass(Sip.open("/mover/victim", Wait.class)));
        System.out.println("moving");
        System.out.flush();
        while (true) {
            Bounce.Pass pass = (Bounce.Pass) keeper.receive();
            keeper.send(new Bounce.Pass(pass.endpoint()));
        }
    }
}
