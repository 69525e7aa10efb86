import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.Sip;

/** A plugin an application embeds: it answers on the endpoint it was given at start, in upper case. */
public class EchoPlugin {
    public static void main(String[] args) {
        Endpoint<Echo> control = Sip.startEndpoint("control", Echo.class);
        try {
            while (true) {
                switch (control.receive()) {
                    case Echo.Request(String text, var payload) -> control.send(new Echo.Reply(text.toUpperCase(), payload));
                    case Echo.Bye() -> {
                        return;
                    }
                    default -> throw new IllegalStateException();
                }
            }
        } catch (ChannelClosedException hostGone) {
            // the application closed its end
        }
    }
}
