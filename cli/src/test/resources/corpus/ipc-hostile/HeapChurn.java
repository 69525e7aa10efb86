import java.util.ArrayList;
import java.util.List;
import singj.abi.Block;
import singj.abi.ExchangeHeapException;
import singj.abi.Owned;
import singj.abi.Sip;

/**
 * An attacker of the exchange heap's memory who has read the heap: blocks are carved in size
 * classes from chunks, so taking every class in turn, each up to the quota, once made the heap
 * reserve chunks of every class for good. It installs: every handle it keeps is in an Owned.
 *
 * <p>{@code churn-exit}: a chunk of every class in turn, then exit. {@code churn-hold}: the same,
 * then the heap kept full of small blocks until it is killed. {@code fill}: the honest SIP that
 * comes after, which takes 1 MiB blocks until the heap or its quota says no, and says how many.
 */
public class HeapChurn {
    public static void main(String[] args) throws InterruptedException {
        switch (args[0]) {
            case "churn-exit" -> churn();
            case "churn-hold" -> {
                churn();
                List<Owned<Block>> kept = fill(4096);
                System.out.println("holding " + kept.size() + " blocks");
                Thread.sleep(Long.MAX_VALUE);
            }
            case "fill" -> {
                List<Owned<Block>> all = fill(1 << 20);
                System.out.println("allocated " + all.size() + " blocks of 1 MiB");
                for (Owned<Block> block : all) {
                    block.take().free();
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }

    static void churn() {
        int classes = 0;
        for (long size = 256; size <= 32 << 20; size *= 8) {
            List<Owned<Block>> held = fill(size);
            if (!held.isEmpty()) {
                classes++;
            }
            for (Owned<Block> block : held) {
                block.take().free();
            }
        }
        System.out.println("churned " + classes + " size classes");
    }

    static List<Owned<Block>> fill(long size) {
        List<Owned<Block>> held = new ArrayList<>();
        try {
            while (true) {
                held.add(new Owned<>(Sip.allocate(size)));
            }
        } catch (ExchangeHeapException full) {
            return held;
        }
    }
}
