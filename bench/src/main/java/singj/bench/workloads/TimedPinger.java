package singj.bench.workloads;

import singj.abi.Block;
import singj.abi.Endpoint;
import singj.abi.NameServiceException;
import singj.abi.Owned;
import singj.abi.Sip;

/**
 * The client of the process-isolation benchmark: opens {@value Ponger#NAME} (waiting for it to be
 * registered), warms up, then times {@code batches} batches of {@code count} round trips, each
 * with a block of {@code blockBytes} (0: none) that goes to the ponger and back, and prints
 * {@code round-trip-ns N} per batch. It times itself, so that it can run in any JVM.
 *
 * <p>{@code args}: batches, count, blockBytes.
 */
public final class TimedPinger {
    private TimedPinger() {}

    public static void main(String[] args) throws InterruptedException {
        int batches = Integer.parseInt(args[0]);
        int count = Integer.parseInt(args[1]);
        long blockBytes = Long.parseLong(args[2]);
        Endpoint<PingPong> ponger = open();
        // the block travels between round trips in a holder: the installer follows a handle moved and
        // received back through a holder, not through a local reassigned in a loop
        Owned<Block> block = new Owned<>();
        if (blockBytes > 0) {
            block.put(Sip.allocate(blockBytes));
        }
        trips(ponger, block, count); // warm-up
        for (int batch = 0; batch < batches; batch++) {
            long start = System.nanoTime();
            trips(ponger, block, count);
            System.out.println("round-trip-ns " + (System.nanoTime() - start) / count);
        }
        if (!block.isEmpty()) {
            block.take().free();
        }
        ponger.close();
    }

    private static void trips(Endpoint<PingPong> ponger, Owned<Block> block, int count) {
        for (int i = 0; i < count; i++) {
            trip(ponger, block);
        }
    }

    private static void trip(Endpoint<PingPong> ponger, Owned<Block> block) {
        if (block.isEmpty()) {
            ponger.send(new PingPong.Ping(null));
            ponger.receive();
            return;
        }
        ponger.send(new PingPong.Ping(block.take()));
        block.put(((PingPong.Pong) ponger.receive()).payload());
    }

    private static Endpoint<PingPong> open() throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                return Sip.open(Ponger.NAME, PingPong.class);
            } catch (NameServiceException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(10);
            }
        }
    }
}
