import singj.abi.Block;
import singj.abi.Contract;
import singj.abi.Message;

@Contract({
    "READY   client: Request -> WAITING, Bye -> DONE",
    "WAITING server: Reply -> READY",
    "DONE"
})
public interface Echo {
    record Request(String text, Block payload) implements Message {}
    record Reply(String text, Block payload) implements Message {}
    record Bye() implements Message {}
}
