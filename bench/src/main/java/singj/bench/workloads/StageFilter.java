package singj.bench.workloads;

import singj.abi.Block;
import singj.abi.Endpoint;
import singj.abi.Message;
import singj.abi.NameServiceException;
import singj.abi.Service;
import singj.abi.Sip;

/**
 * The middle stage of the Figure 5 pipeline: registers {@code DIR/filter} ({@code args[0]}: DIR, as
 * for {@link StageSink}), opens {@code DIR/sink}, takes one
 * client (the source), and passes each message on (a 64-byte one changed, a block's first word
 * incremented), waits for the sink's Ack and acknowledges it upstream, until the End.
 */
public final class StageFilter {
    private StageFilter() {}

    public static void main(String[] args) throws InterruptedException {
        Endpoint<StagePipe> sink = open(args[0] + "/sink");
        Service<StagePipe> service = Sip.register(args[0] + "/filter", StagePipe.class);
        Endpoint<StagePipe> source = service.accept();
        while (true) {
            Message message = source.receive();
            if (message instanceof StagePipe.Small s) {
                sink.send(new StagePipe.Small(s.a() + 1, s.b(), s.c(), s.d(), s.e(), s.f(), s.g(), s.h() + 1));
            } else if (message instanceof StagePipe.Data data) {
                Block block = data.block();
                block.putInt(0, block.getInt(0) + 1);
                sink.send(new StagePipe.Data(block));
            } else {
                sink.send(new StagePipe.End());
                source.close();
                return;
            }
            StagePipe.Ack ack = (StagePipe.Ack) sink.receive();
            source.send(new StagePipe.Ack(ack.check()));
        }
    }

    /** Opens {@code name}, waiting for it to be registered. */
    private static Endpoint<StagePipe> open(String name) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (true) {
            try {
                return Sip.open(name, StagePipe.class);
            } catch (NameServiceException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(5);
            }
        }
    }
}
