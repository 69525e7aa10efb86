package singj.bench.workloads;

import singj.abi.Block;
import singj.abi.Contract;
import singj.abi.Message;

/**
 * The contract between two stages of the Figure 5 pipeline ({@code singj bench --figure5}): a
 * 64-byte message or a block at a time, each acknowledged before the next (so the time of one is
 * the whole way down and the acknowledgements back), then the end.
 */
@Contract({
    "READY client: Small -> SENT, Data -> SENT, End -> DONE",
    "SENT  server: Ack -> READY",
    "DONE"
})
public interface StagePipe {
    /** 64 bytes of payload. */
    record Small(long a, long b, long c, long d, long e, long f, long g, long h) implements Message {}

    /** A block (1 MiB in the benchmark); it moves to the receiver. */
    record Data(Block block) implements Message {}

    record Ack(long check) implements Message {}

    record End() implements Message {}
}
