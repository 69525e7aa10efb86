package singj.apps.pipeline;

import singj.abi.Block;
import singj.abi.Endpoint;
import singj.abi.Sip;

/** pipe-source [N]: sends N (default 8) blocks of 1 MiB down /pipeline/filter, filled with a known pattern. */
public class PipeSource {
    public static void main(String[] args) throws InterruptedException {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 8;
        Endpoint<PipeContract> filter = Stages.open(Stages.FILTER);
        int ints = Stages.BLOCK_BYTES / Integer.BYTES;
        for (int number = 1; number <= count; number++) {
            Block block = Sip.allocate(Stages.BLOCK_BYTES);
            for (int i = 0; i < ints; i++) {
                block.putInt((long) i * Integer.BYTES, Stages.pattern(number, i));
            }
            System.out.println("source: block " + number + " allocated at " + Stages.address(block));
            filter.send(new PipeContract.Data(number, block));
            filter.receive(); // the Ack: the block has gone all the way down
        }
        filter.send(new PipeContract.End(count));
        System.out.println("source: sent " + count + " blocks of " + Stages.BLOCK_BYTES + " bytes");
    }
}
