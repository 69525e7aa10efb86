package singj.apps.echoservice;

import singj.abi.Contract;
import singj.abi.Message;

/** The echo service: the client asks, the server answers in upper case, until the client says goodbye. */
@Contract({
    "READY   client: Request -> WAITING, Bye -> DONE",
    "WAITING server: Reply -> READY",
    "DONE"
})
public interface EchoContract {
    record Request(String text) implements Message {}

    record Reply(String text) implements Message {}

    record Bye() implements Message {}
}
