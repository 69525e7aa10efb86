package singj.apps.pipeline;

import singj.abi.Block;
import singj.abi.ChannelClosedException;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Service;
import singj.abi.Sip;

/**
 * pipe-sink: registers /pipeline/sink and, for one upstream, checks each block holds the source's
 * pattern plus 1 (the filter's work) and prints its number, address and checksum.
 */
public class PipeSink {
    public static void main(String[] args) {
        Service<PipeContract> service = Sip.register(Stages.SINK, PipeContract.class);
        Endpoint<PipeContract> upstream = service.accept();
        int received = 0;
        int bad = 0;
        while (true) {
            Message message;
            try {
                message = upstream.receive();
            } catch (ChannelClosedException closed) {
                System.out.println("sink: upstream gone after " + received + " blocks: " + closed.getMessage());
                System.exit(1);
                return;
            }
            switch (message) {
                case PipeContract.Data(int number, Block block) -> {
                    received++;
                    long ints = block.size() / Integer.BYTES;
                    long checksum = 0;
                    long wrong = 0;
                    for (long i = 0; i < ints; i++) {
                        int value = block.getInt(i * Integer.BYTES);
                        checksum = checksum * 31 + value;
                        if (value != Stages.pattern(number, (int) i) + 1) {
                            wrong++;
                        }
                    }
                    if (wrong > 0) {
                        bad++;
                    }
                    System.out.printf("sink: block %d at %s, %d bytes, checksum %016x, %s%n", number,
                            Stages.address(block), block.size(), checksum,
                            wrong == 0 ? "content ok" : wrong + " ints wrong");
                    block.free();
                    upstream.send(new PipeContract.Ack(number));
                }
                case PipeContract.End(int blocks) -> {
                    System.out.println("sink: " + received + " of " + blocks + " blocks received, "
                            + (bad == 0 ? "all transformed by the filter" : bad + " with wrong content"));
                    if (bad > 0 || received != blocks) {
                        System.exit(1);
                    }
                    return;
                }
                default -> throw new IllegalStateException("not a pipeline message");
            }
        }
    }
}
