package singj.bench.workloads;

import singj.abi.Block;
import singj.abi.Endpoint;
import singj.abi.NameServiceException;
import singj.abi.Sip;

/**
 * The first stage of the Figure 5 pipeline: opens the filter, warms up, then times
 * {@code batches} batches of {@code small} 64-byte messages and of {@code blocks} 1 MiB blocks
 * (each allocated, its first word written, sent, and acknowledged from the sink), printing
 * {@code small-ns N} and {@code block-ns N} per operation for each batch. It times itself, so
 * that it runs the same in any JVM; every Ack is checked, so each operation really went all the way.
 *
 * <p>{@code args}: batches, small, blocks, and DIR (the filter is {@code DIR/filter}).
 */
public final class StageSource {
    public static final long BLOCK_BYTES = 1 << 20;

    private StageSource() {}

    public static void main(String[] args) throws InterruptedException {
        int batches = Integer.parseInt(args[0]);
        int small = Integer.parseInt(args[1]);
        int blocks = Integer.parseInt(args[2]);
        Endpoint<StagePipe> filter = open(args[3] + "/filter");
        smalls(filter, small);
        blocks(filter, blocks);
        for (int batch = 0; batch < batches; batch++) {
            long start = System.nanoTime();
            smalls(filter, small);
            long middle = System.nanoTime();
            blocks(filter, blocks);
            long end = System.nanoTime();
            System.out.println("small-ns " + (middle - start) / small + " block-ns " + (end - middle) / blocks);
        }
        filter.send(new StagePipe.End());
        filter.close();
    }

    private static void smalls(Endpoint<StagePipe> filter, int count) {
        for (long i = 0; i < count; i++) {
            filter.send(new StagePipe.Small(i, 2, 3, 4, 5, 6, 7, i));
            StagePipe.Ack ack = (StagePipe.Ack) filter.receive();
            if (ack.check() != 2 * i + 2) {
                throw new IllegalStateException("a wrong Ack for message " + i + ": " + ack.check());
            }
        }
    }

    private static void blocks(Endpoint<StagePipe> filter, int count) {
        for (int i = 0; i < count; i++) {
            Block block = Sip.allocate(BLOCK_BYTES);
            block.putInt(0, i);
            filter.send(new StagePipe.Data(block));
            StagePipe.Ack ack = (StagePipe.Ack) filter.receive();
            if (ack.check() != i + 1) {
                throw new IllegalStateException("a wrong Ack for block " + i + ": " + ack.check());
            }
        }
    }

    /** Opens {@code name}, waiting for it to be registered (each stage carries its own copy: a program is its own classes). */
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
