package singj.apps.echoservice;

import singj.abi.Contract;
import singj.abi.Message;

/** The shipped echo contract's name, with messages of its own: a program that tries to take the name from echo-server. */
@Contract({
    "START client: Steal -> GIVEN",
    "GIVEN server: Loot -> START"
})
public interface EchoContract {
    record Steal(int amount) implements Message {}

    record Loot(long amount) implements Message {}
}
