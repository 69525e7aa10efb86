package singj.bench.workloads;

import singj.abi.Block;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.Service;
import singj.abi.Sip;

/**
 * The last stage of the Figure 5 pipeline: registers {@code DIR/sink} ({@code args[0]}: DIR, a
 * directory of {@value #DIRECTORY}, one per way the programs were sealed), takes one client (the
 * filter), and answers each message with an Ack whose value depends on the message's contents
 * (a block's first word is read, then the block freed), until the End.
 */
public final class StageSink {
    /** Where the pipeline's names are: a name belongs to the program that first registered it. */
    public static final String DIRECTORY = "/fig5";

    private StageSink() {}

    public static void main(String[] args) {
        Service<StagePipe> service = Sip.register(args[0] + "/sink", StagePipe.class);
        Endpoint<StagePipe> filter = service.accept();
        while (true) {
            Message message = filter.receive();
            if (message instanceof StagePipe.Small small) {
                filter.send(new StagePipe.Ack(small.a() + small.h()));
            } else if (message instanceof StagePipe.Data data) {
                Block block = data.block();
                long check = block.getInt(0);
                block.free();
                filter.send(new StagePipe.Ack(check));
            } else {
                filter.close();
                return;
            }
        }
    }
}
