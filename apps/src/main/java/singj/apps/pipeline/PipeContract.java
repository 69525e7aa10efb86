package singj.apps.pipeline;

import singj.abi.Block;
import singj.abi.Contract;
import singj.abi.Message;

/**
 * One stage of the pipeline to the next: a block of data at a time, each acknowledged before the
 * next is sent (so no stage can run ahead), then the end.
 */
@Contract({
    "READY client: Data -> SENT, End -> DONE",
    "SENT  server: Ack -> READY",
    "DONE"
})
public interface PipeContract {
    /** Block {@code number} (from 1); the block itself moves to the receiver. */
    record Data(int number, Block block) implements Message {}

    record Ack(int number) implements Message {}

    record End(int blocks) implements Message {}
}
