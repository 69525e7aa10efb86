package singj.bench.workloads;

import singj.abi.Block;
import singj.abi.Contract;
import singj.abi.Message;

/**
 * The contract of the message-passing benchmark: the client sends a Ping, the server answers with
 * a Pong. A Ping may carry a block, which the Pong carries back.
 */
@Contract({
    "READY   client: Ping -> WAITING",
    "WAITING server: Pong -> READY"
})
public interface PingPong {
    record Ping(Block payload) implements Message {}

    record Pong(Block payload) implements Message {}
}
