package singj.apps.pipeline;

import singj.abi.Block;
import singj.abi.Endpoint;
import singj.abi.NameServiceException;
import singj.abi.Sip;

/** What the stages share: opening the next stage, and describing a block. */
final class Stages {
    static final String SINK = "/pipeline/sink";
    static final String FILTER = "/pipeline/filter";
    static final int BLOCK_BYTES = 1 << 20;

    private Stages() {}

    /** The value the source writes at int {@code index} of block {@code number}. */
    static int pattern(int number, int index) {
        return number * 1_000_003 + index;
    }

    /** Opens {@code name}, waiting up to 5 s for it to be registered, so stages start in any order. */
    static Endpoint<PipeContract> open(String name) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            try {
                return Sip.open(name, PipeContract.class);
            } catch (NameServiceException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(50);
            }
        }
    }

    static String address(Block block) {
        return String.format("0x%x", block.address());
    }
}
