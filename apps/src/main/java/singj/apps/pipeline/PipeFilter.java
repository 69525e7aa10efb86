package singj.apps.pipeline;

import singj.abi.Block;
import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Service;
import singj.abi.Sip;

/**
 * pipe-filter: registers /pipeline/filter, opens /pipeline/sink, and for one upstream adds 1 to
 * every int of each block, in place, and forwards the same block.
 */
public class PipeFilter {
    public static void main(String[] args) throws InterruptedException {
        Service<PipeContract> service = Sip.register(Stages.FILTER, PipeContract.class);
        Endpoint<PipeContract> sink = Stages.open(Stages.SINK);
        System.out.println("filter: connected to " + Stages.SINK + ", serving " + Stages.FILTER);
        Endpoint<PipeContract> upstream = service.accept();
        while (true) {
            Message message;
            try {
                message = upstream.receive();
            } catch (ChannelClosedException closed) {
                System.out.println("filter: upstream gone: " + closed.getMessage());
                System.exit(1);
                return;
            }
            switch (message) {
                case PipeContract.Data(int number, Block block) -> {
                    long ints = block.size() / Integer.BYTES;
                    for (long i = 0; i < ints; i++) {
                        long offset = i * Integer.BYTES;
                        block.putInt(offset, block.getInt(offset) + 1);
                    }
                    System.out.println("filter: block " + number + " at " + Stages.address(block) + " transformed in place");
                    sink.send(new PipeContract.Data(number, block));
                    sink.receive();
                    upstream.send(new PipeContract.Ack(number));
                }
                case PipeContract.End(int blocks) -> {
                    sink.send(new PipeContract.End(blocks));
                    System.out.println("filter: " + blocks + " blocks passed on");
                    return;
                }
                default -> throw new IllegalStateException("not a pipeline message");
            }
        }
    }
}
